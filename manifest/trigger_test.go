package manifest

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestTriggerOptions: the options of triggers that decide the event a
// function gets and the result its trigger reads, from SAM and
// CloudFormation.
func TestTriggerOptions(t *testing.T) {
	dir := t.TempDir()
	tmpl := `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Parameters:
  Types:
    Type: CommaDelimitedList
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: x
      FunctionUrlConfig:
        AuthType: NONE
      Events:
        Rest:
          Type: Api
          Properties: {Path: /a, Method: get}
        Http:
          Type: HttpApi
        Http10:
          Type: HttpApi
          Properties: {PayloadFormatVersion: "1.0"}
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Queue.Arn
            FunctionResponseTypes: [ReportBatchItemFailures]
        Param:
          Type: SQS
          Properties:
            Queue: !GetAtt Queue.Arn
            FunctionResponseTypes: !Ref Types
        Users:
          Type: Cognito
          Properties:
            UserPool: !Ref Pool
            Trigger: [PreSignUp, PostConfirmation]
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Queue.Arn
      FunctionName: !Ref Fn
      FunctionResponseTypes: [ReportBatchItemFailures]
  Url:
    Type: AWS::Lambda::Url
    Properties:
      TargetFunctionArn: !GetAtt Fn.Arn
  Targets:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      TargetType: lambda
      Targets:
        - Id: !GetAtt Fn.Arn
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      ProtocolType: HTTP
  Integration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
      IntegrationType: AWS_PROXY
      IntegrationUri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations
      PayloadFormatVersion: "2.0"
  Socket:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      ProtocolType: WEBSOCKET
  SocketIntegration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Socket
      IntegrationType: AWS_PROXY
      IntegrationUri: !GetAtt Fn.Arn
  Pool:
    Type: AWS::Cognito::UserPool
    Properties:
      LambdaConfig:
        CustomMessage: !GetAtt Fn.Arn
        KMSKeyID: key
`
	if err := os.WriteFile(filepath.Join(dir, "template.yaml"), []byte(tmpl), 0o644); err != nil {
		t.Fatal(err)
	}
	m, _ := Discover(dir, Options{})
	var got []string
	for _, l := range m.Links {
		if l.To.ID != "Fn" {
			continue
		}
		got = append(got, fmt.Sprintf("%s %s pf=%s batch=%v unknown=%v cognito=%s",
			l.Name, l.Event, l.PayloadFormat, l.BatchItemFailures, l.ResponseTypesUnknown, strings.Join(l.UserPoolTriggers, ",")))
	}
	slices.Sort(got)
	want := []string{
		"Fn function-url pf= batch=false unknown=false cognito=",
		"Http http-api pf=2.0 batch=false unknown=false cognito=",
		"Http10 http-api pf=1.0 batch=false unknown=false cognito=",
		"Integration http-api pf=2.0 batch=false unknown=false cognito=",
		"Jobs sqs pf= batch=true unknown=false cognito=",
		"Mapping sqs pf= batch=true unknown=false cognito=",
		"Param sqs pf= batch=false unknown=true cognito=",
		"Pool cognito pf= batch=false unknown=false cognito=CustomMessage",
		"Rest api pf=1.0 batch=false unknown=false cognito=",
		"Targets alb pf= batch=false unknown=false cognito=",
		"Url function-url pf= batch=false unknown=false cognito=",
		"Users cognito pf= batch=false unknown=false cognito=PostConfirmation,PreSignUp",
	}
	if !slices.Equal(got, want) {
		t.Errorf("links into Fn:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
