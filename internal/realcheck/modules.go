package main

// A module is one entry of the pinned list.
type module struct {
	Path    string
	Version string
	// FaaS marks code that uses the serverless SDKs faasvet knows; the
	// others are large modules that must merely not make it crash or
	// report anything.
	FaaS bool
	// Short puts the module in the CI subset (-short).
	Short bool
	// Expect counts the error- and warning-level findings by check that a
	// person has read and judged real (docs/real-world.md says why). A
	// run with -check fails on any other.
	Expect map[string]int
}

// modules is the pinned list, smallest first so that a broken run fails
// early. Versions are those the module proxy served on the day the list
// was made. The proxy answers 403 to knative.dev/eventing's version list
// but serves v0.47.0 when asked for it; the CloudEvents samples are
// untagged nested modules that it does not serve at all, so they are
// missing.
var modules = []module{
	// FaaS SDKs and code on them.
	{Path: "github.com/aws/aws-lambda-go", Version: "v1.55.1", FaaS: true, Short: true},
	{Path: "github.com/GoogleCloudPlatform/functions-framework-go", Version: "v1.9.2", FaaS: true, Short: true},
	{Path: "github.com/cloudevents/sdk-go/v2", Version: "v2.16.2", FaaS: true, Short: true},
	{Path: "github.com/cloudevents/sdk-go/protocol/pubsub/v2", Version: "v2.16.2", FaaS: true},
	{Path: "github.com/cloudevents/sdk-go/protocol/nats/v2", Version: "v2.16.2", FaaS: true},
	{Path: "github.com/cloudevents/sdk-go/protocol/kafka_sarama/v2", Version: "v2.16.2", FaaS: true},
	{Path: "github.com/cloudevents/sdk-go/sql/v2", Version: "v2.16.2", FaaS: true},
	{Path: "github.com/awslabs/aws-lambda-go-api-proxy", Version: "v0.16.2", FaaS: true},
	{Path: "github.com/aws/aws-xray-sdk-go", Version: "v1.8.5", FaaS: true},
	{Path: "github.com/aws/aws-sdk-go-v2", Version: "v1.48.0", FaaS: true},
	{Path: "github.com/aws/aws-sdk-go-v2/config", Version: "v1.33.18", FaaS: true},
	{Path: "github.com/aws/aws-sdk-go-v2/service/sqs", Version: "v1.53.0", FaaS: true, Short: true},
	{Path: "github.com/aws/aws-sdk-go-v2/service/sns", Version: "v1.48.0", FaaS: true},
	{Path: "github.com/aws/aws-sdk-go-v2/service/eventbridge", Version: "v1.55.11", FaaS: true},
	{Path: "github.com/aws/aws-sdk-go-v2/service/lambda", Version: "v1.114.4", FaaS: true},
	{Path: "github.com/aws/aws-sdk-go-v2/service/sfn", Version: "v1.41.2", FaaS: true},
	{Path: "github.com/aws/aws-sdk-go-v2/service/kinesis", Version: "v1.56.13", FaaS: true},
	{Path: "github.com/aws/aws-sdk-go-v2/service/dynamodb", Version: "v1.74.0", FaaS: true},
	{Path: "github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue", Version: "v1.21.21", FaaS: true},
	{Path: "github.com/aws/aws-sdk-go-v2/service/s3", Version: "v1.114.10", FaaS: true},
	{Path: "cloud.google.com/go/pubsub/v2", Version: "v2.9.0", FaaS: true},
	{Path: "cloud.google.com/go/storage", Version: "v1.70.0", FaaS: true},
	// Large modules that are not FaaS code.
	{Path: "github.com/awslabs/goformation/v7", Version: "v7.14.9"},
	{Path: "honnef.co/go/tools", Version: "v0.8.2"},
	{Path: "golang.org/x/tools", Version: "v0.52.0"},
	{Path: "google.golang.org/grpc", Version: "v1.85.0"},
	{Path: "github.com/golangci/golangci-lint/v2", Version: "v2.15.0"},
	{Path: "go.opentelemetry.io/otel", Version: "v1.47.0"},
	{Path: "k8s.io/apimachinery", Version: "v0.37.2"},
	{Path: "github.com/gin-gonic/gin", Version: "v1.12.0"},
	{Path: "github.com/labstack/echo/v4", Version: "v4.16.0"},
	{Path: "go.uber.org/zap", Version: "v1.28.0"},
	{Path: "github.com/aws/aws-sdk-go", Version: "v1.55.8", FaaS: true},
	{Path: "knative.dev/pkg", Version: "v0.0.0-20230612155445-74c4be5e935e", FaaS: true},
	{Path: "knative.dev/eventing", Version: "v0.47.0", FaaS: true},
}
