variable "stage" {
  default = "dev"
}

variable "region" {}

variable "tags" {
  default = {}
}

locals {
  names = ["orders", var.stage]
  queue = join("-", local.names)
}

resource "aws_sqs_queue" "orders" {
  name = lower(upper(local.queue))
}

resource "aws_sns_topic" "events" {
  name = "events-${var.region}"
}

module "worker" {
  source = "./modules/fn"
  name   = format("worker-%s", var.stage)
  dir    = "${path.module}/worker"
  env = {
    QUEUE_URL = aws_sqs_queue.orders.url
    TOPIC_ARN = aws_sns_topic.events.arn
    LITERAL   = "x-${aws_sqs_queue.orders.name}"
    APP_TAG   = lookup(var.tags, "AppName")
  }
}

resource "aws_lambda_event_source_mapping" "orders" {
  event_source_arn = aws_sqs_queue.orders.arn
  function_name    = module.worker.arn
}

resource "aws_sns_topic_subscription" "sub" {
  topic_arn            = aws_sns_topic.events.arn
  protocol             = "sqs"
  endpoint             = aws_sqs_queue.orders.arn
  raw_message_delivery = true
}

resource "aws_cloudwatch_event_rule" "placed" {
  event_pattern = jsonencode({ source = ["shop"], "detail-type" = ["Placed"] })
}

resource "aws_cloudwatch_event_target" "placed" {
  rule = aws_cloudwatch_event_rule.placed.name
  arn  = module.worker.arn
}

resource "aws_sfn_state_machine" "flow" {
  name = "flow"
  definition = templatefile("${path.module}/sfn/flow.json", {
    worker = module.worker.arn
  })
}

module "remote" {
  source = "terraform-aws-modules/lambda/aws"
}

module "escape" {
  source = "../../../../outside"
}
