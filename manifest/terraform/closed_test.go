package terraform

import (
	"os"
	"path/filepath"
	"testing"
)

// TestClosed: which channels a root module closes, case by case; each
// case is a root module of its own with one function.
func TestClosed(t *testing.T) {
	const fn = `
resource "aws_lambda_function" "f" {
  function_name = "f"
  environment {
    variables = { Q = aws_sqs_queue.q.url }
  }
}
resource "aws_sqs_queue" "q" {
  name = "shop-q"
}
`
	for _, tc := range []struct {
		name, extra string
		closed      bool
	}{
		{"plain", ``, true},
		{"send-only policy", `
resource "aws_iam_role_policy" "p" {
  policy = jsonencode({Statement = [{Effect = "Allow", Action = ["sqs:SendMessage", "sqs:GetQueueUrl"], Resource = aws_sqs_queue.q.arn}]})
}`, true},
		{"denied receive", `
resource "aws_iam_role_policy" "p" {
  policy = jsonencode({Statement = [{Effect = "Deny", Action = "sqs:*", Resource = aws_sqs_queue.q.arn}]})
}`, true},
		{"receive on *", `
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["sqs:ReceiveMessage"]
    resources = ["*"]
  }
}`, false},
		{"publish-only wildcard", `
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["sns:*"]
    resources = ["*"]
  }
}`, true},
		{"unknown resource", `
variable "account" {}
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["sqs:ReceiveMessage"]
    resources = ["arn:aws:sqs:us-east-1:${var.account}:shop-q"]
  }
}`, false},
		{"managed policy", `
resource "aws_iam_role_policy_attachment" "a" {
  role       = "r"
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole"
}`, false},
		{"basic execution role", `
resource "aws_iam_role_policy_attachment" "a" {
  role       = "r"
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}`, true},
		{"customer managed policy", `
resource "aws_iam_role" "r" {
  managed_policy_arns = ["arn:aws:iam::123456789012:policy/ops"]
}`, false},
		{"remote module", `
module "m" {
  source = "terraform-aws-modules/lambda/aws"
  env    = { Q = aws_sqs_queue.q.arn }
}`, false},
		{"depends_on only", `
resource "aws_ssm_parameter" "p" {
  name       = "x"
  value      = "y"
  depends_on = [aws_sqs_queue.q]
}`, true},
		{"policy from a variable", `
variable "doc" {}
resource "aws_iam_policy" "p" {
  policy = var.doc
}`, false},
		{"unknown policy naming sqs:*", `
variable "arn" {}
resource "aws_iam_policy" "p" {
  policy = jsonencode({Statement = [{Effect = "Allow", Action = "sqs:*", Resource = var.arn}]})
}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			if err := os.WriteFile(filepath.Join(root, "main.tf"), []byte(fn+tc.extra), 0o644); err != nil {
				t.Fatal(err)
			}
			cs := Read(root, []string{"."}, Options{})
			if len(cs) != 1 || len(cs[0].Errors) > 0 {
				t.Fatalf("Read: %+v", cs)
			}
			for _, ch := range cs[0].Channels {
				if ch.Addr == "aws_sqs_queue.q" && ch.Closed != tc.closed {
					t.Errorf("Closed = %v, want %v", ch.Closed, tc.closed)
				}
			}
		})
	}
}
