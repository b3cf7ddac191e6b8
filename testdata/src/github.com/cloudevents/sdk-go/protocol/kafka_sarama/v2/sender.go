// Package kafka_sarama is a stub of
// github.com/cloudevents/sdk-go/protocol/kafka_sarama/v2 v2.16.2: the
// constructors of its senders, consumers and protocols, which name the
// topic a CloudEvents client sends to or receives from.
package kafka_sarama

import "github.com/IBM/sarama"

// Sender sends events to one topic.
type Sender struct{}

// SenderOptionFunc sets one of a Sender's options.
type SenderOptionFunc func(sender *Sender)

// Protocol sends to one topic and receives from another.
type Protocol struct{}

// ProtocolOptionFunc sets one of a Protocol's options.
type ProtocolOptionFunc func(protocol *Protocol)

func NewSender(brokers []string, saramaConfig *sarama.Config, topic string, options ...SenderOptionFunc) (*Sender, error) {
	return &Sender{}, nil
}

func NewSenderFromClient(client sarama.Client, topic string, options ...SenderOptionFunc) (*Sender, error) {
	return &Sender{}, nil
}

func NewSenderFromSyncProducer(topic string, syncProducer sarama.SyncProducer, options ...SenderOptionFunc) (*Sender, error) {
	return &Sender{}, nil
}

func NewProtocol(brokers []string, saramaConfig *sarama.Config, sendToTopic string, receiveFromTopic string, opts ...ProtocolOptionFunc) (*Protocol, error) {
	return &Protocol{}, nil
}

func NewProtocolFromClient(client sarama.Client, sendToTopic string, receiveFromTopic string, opts ...ProtocolOptionFunc) (*Protocol, error) {
	return &Protocol{}, nil
}

// Consumer receives events from one topic as a member of a group.
type Consumer struct{}

func NewConsumer(brokers []string, saramaConfig *sarama.Config, groupId string, topic string) (*Consumer, error) {
	return &Consumer{}, nil
}

func NewConsumerFromClient(client sarama.Client, groupId string, topic string) *Consumer {
	return &Consumer{}
}
