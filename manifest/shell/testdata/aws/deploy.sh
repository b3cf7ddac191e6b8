#!/bin/sh
set -e
QUEUE=orders
FN="${QUEUE}-worker"
ACCOUNT=$(aws sts get-caller-identity --query Account --output text)

(cd cmd/worker && GOOS=linux go build -o ../../build/worker/bootstrap .)
cd build/worker && zip ../worker.zip bootstrap && cd ../..

aws sqs create-queue --queue-name "$QUEUE"
aws sns create-topic --name events
aws lambda create-function --function-name "$FN" --runtime provided.al2023 --handler bootstrap \
  --zip-file fileb://build/worker.zip --environment "Variables={QUEUE=$QUEUE}"
aws lambda create-event-source-mapping --function-name "$FN" \
  --event-source-arn "arn:aws:sqs:eu-west-1:${ACCOUNT}:${QUEUE}"
aws sns subscribe --topic-arn "arn:aws:sns:eu-west-1:${ACCOUNT}:events" --protocol sqs \
  --notification-endpoint "arn:aws:sqs:eu-west-1:${ACCOUNT}:${QUEUE}" --attributes RawMessageDelivery=true
aws events put-rule --name placed --event-pattern '{"source":["shop"]}'
aws events put-targets --rule placed --targets "Id=1,Arn=arn:aws:lambda:eu-west-1:${ACCOUNT}:function:${FN}"
cat <<EOF > notes.txt
aws sqs create-queue --queue-name not-a-command
EOF
