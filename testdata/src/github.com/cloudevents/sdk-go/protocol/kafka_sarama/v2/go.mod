module github.com/cloudevents/sdk-go/protocol/kafka_sarama/v2

go 1.21
