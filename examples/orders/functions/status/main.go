// Command status answers GET /orders/{id}/status on the HTTP API.
package main

import (
	"context"
	"net/http"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

// seeded: trigger-type (lossy). The template puts status behind an HTTP
// API, which sends payload format 2.0 (events.APIGatewayV2HTTPRequest),
// but the handler takes the REST API's event: HTTPMethod is always empty,
// so every request is answered 405.
func status(ctx context.Context, r events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	if r.HTTPMethod != http.MethodGet {
		return events.APIGatewayProxyResponse{StatusCode: http.StatusMethodNotAllowed}, nil
	}
	return events.APIGatewayProxyResponse{StatusCode: http.StatusOK, Body: `{"order":"` + r.PathParameters["id"] + `","status":"shipped"}`}, nil
}

func main() {
	lambda.Start(status)
}
