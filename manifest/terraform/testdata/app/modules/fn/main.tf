variable "name" {}
variable "dir" {}
variable "env" {
  default = {}
}

data "archive_file" "zip" {
  type        = "zip"
  source_dir  = var.dir
  output_path = "${path.module}/${var.name}.zip"
}

resource "aws_lambda_function" "this" {
  function_name = var.name
  filename      = data.archive_file.zip.output_path
  handler       = "bootstrap"
  runtime       = "provided.al2023"
  environment {
    variables = var.env
  }
}

output "arn" {
  value = aws_lambda_function.this.arn
}
