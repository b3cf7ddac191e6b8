module cloud.google.com/go/pubsub/v2

go 1.21

require (
	cloud.google.com/go v0.123.0
	google.golang.org/api v0.230.0
)
