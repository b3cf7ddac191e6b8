package manifest

import (
	"fmt"
	"slices"
	"testing"
)

// TestFailurePaths: dead-letter queues, redrive policies and async
// destinations are links, in every format that declares them.
func TestFailurePaths(t *testing.T) {
	root := write(t, map[string]string{
		"sam/template.yaml": `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Work:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt WorkDLQ.Arn
        maxReceiveCount: 3
  WorkDLQ:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: fn/
      DeadLetterQueue:
        Type: SQS
        TargetArn: !GetAtt WorkDLQ.Arn
  Raw:
    Type: AWS::Lambda::Function
    Properties:
      Code: raw/
      DeadLetterConfig:
        TargetArn: !GetAtt WorkDLQ.Arn
`,
		"tf/main.tf": `
resource "aws_sqs_queue" "jobs" {
  name           = "jobs"
  redrive_policy = jsonencode({ deadLetterTargetArn = aws_sqs_queue.jobs_dlq.arn, maxReceiveCount = 4 })
}
resource "aws_sqs_queue" "jobs_dlq" { name = "jobs-dlq" }
resource "aws_sqs_queue" "failures" { name = "failures" }
resource "aws_lambda_function" "worker" {
  function_name = "worker"
  filename      = "worker.zip"
  dead_letter_config { target_arn = aws_sqs_queue.jobs_dlq.arn }
}
resource "aws_lambda_function_event_invoke_config" "worker" {
  function_name = aws_lambda_function.worker.function_name
  destination_config {
    on_failure { destination = aws_sqs_queue.failures.arn }
  }
}
`,
	})
	m, _ := Discover(root, Options{})
	var got []string
	for _, l := range m.Links {
		got = append(got, fmt.Sprintf("%s %s->%s %s", l.Event, l.From.ID, l.To.ID, l.Destination))
	}
	for _, want := range []string{
		"redrive Work->WorkDLQ ",
		"dead-letter Fn->WorkDLQ ",
		"dead-letter Raw->WorkDLQ ",
		"redrive aws_sqs_queue.jobs->aws_sqs_queue.jobs_dlq ",
		"dead-letter aws_lambda_function.worker->aws_sqs_queue.jobs_dlq ",
		"destination aws_lambda_function.worker->aws_sqs_queue.failures on-failure",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("links %q\nwant %q", got, want)
		}
	}
}
