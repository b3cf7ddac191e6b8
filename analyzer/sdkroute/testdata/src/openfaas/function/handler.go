// want package:"has-sends"

// Package function is an OpenFaaS golang-middleware function that calls
// other functions through the gateway.
package function

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"

	"msg"
)

var gateway = os.Getenv("gateway_url")

func Handle(w http.ResponseWriter, r *http.Request) { // want Handle:`sends\(openfaas.POST openfaas=\$\{gateway_url\}/function/charge payload=msg.Order; openfaas.POST openfaas=http://gateway.openfaas:8080/async-function/refund payload=msg.Refund; openfaas.GET openfaas=\$\{gateway_url\}/function/status\?id=\* payload=none; openfaas.POST openfaas=\$\{gateway_url\}function/audit payload=msg.Order\)`
	var o msg.Order
	_ = json.NewDecoder(r.Body).Decode(&o)
	b, _ := json.Marshal(o)
	resp, err := http.Post(gateway+"/function/charge", "application/json", bytes.NewReader(b))
	if err == nil {
		var rc msg.Receipt
		_ = json.NewDecoder(resp.Body).Decode(&rc)
	}
	var buf bytes.Buffer
	_ = json.NewEncoder(&buf).Encode(msg.Refund{OrderID: o.ID})
	req, _ := http.NewRequestWithContext(r.Context(), http.MethodPost, "http://gateway.openfaas:8080/async-function/refund", &buf)
	_, _ = http.DefaultClient.Do(req)
	g, _ := http.NewRequest("GET", gateway+"/function/status?id="+o.ID, nil)
	sresp, _ := http.DefaultClient.Do(g)
	body, _ := io.ReadAll(sresp.Body)
	var st msg.Refund
	_ = json.Unmarshal(body, &st)
	// The gateway URL with its trailing slash: gateway + "function/" + name.
	_, _ = http.Post(gateway+"function/audit", "application/json", bytes.NewReader(b))
	// Not through a gateway: no route.
	_, _ = http.Get("https://example.com/function")
}
