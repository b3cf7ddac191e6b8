// Command app sends through a generic interface held in a package
// variable that init sets from a generic constructor of another package.
package main

import (
	"context"
	"log"
	"os"

	"github.com/aws/aws-lambda-go/lambda"

	"genq/impl"
	"genq/svc"
)

var (
	err   error
	queue svc.Queue[svc.Email]
	logs  svc.Log[svc.Email] = printer{}

	queueURL = os.Getenv("EMAIL_QUEUE_URL")
)

func init() {
	queue, err = impl.NewSQSQueue[svc.Email](queueURL)
	if err != nil {
		log.Fatal(err)
	}
}

type printer struct{}

func (printer) SendMessage(e svc.Email) error {
	log.Print(e.To)
	return nil
}

func handle(ctx context.Context, in svc.Email) error {
	if err := logs.SendMessage(in); err != nil {
		return err
	}
	return queue.SendMessage(&svc.Email{To: in.To, Subject: "hello"})
}

func main() {
	lambda.Start(handle)
}
