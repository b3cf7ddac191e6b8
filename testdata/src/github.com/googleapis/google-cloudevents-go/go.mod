module github.com/googleapis/google-cloudevents-go

go 1.21

require google.golang.org/protobuf v1.36.12
