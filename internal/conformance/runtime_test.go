package conformance_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/GoogleCloudPlatform/functions-framework-go/funcframework"
	"github.com/GoogleCloudPlatform/functions-framework-go/functions"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/cloudevents/sdk-go/v2/client"
	cecontext "github.com/cloudevents/sdk-go/v2/context"
	cehttp "github.com/cloudevents/sdk-go/v2/protocol/http"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/faasvet/faasvet/internal/conformance/cases"
)

// A verdict is what a runtime did with a case.
type verdict struct {
	ok    bool
	stage string // where it failed: "start" or "invoke"
	err   string
}

func (v verdict) String() string {
	if v.ok {
		return "serves it"
	}
	return fmt.Sprintf("rejects it at %s: %s", v.stage, v.err)
}

func rejected(stage, format string, args ...any) verdict {
	return verdict{stage: stage, err: fmt.Sprintf(format, args...)}
}

// runtimeVerdict runs c on its platform's real runtime.
func runtimeVerdict(c cases.Case) verdict {
	switch c.Kind {
	case cases.Lambda:
		return runLambda(c)
	case cases.Typed, cases.Event:
		v := runFunctionsFramework(c)
		if strings.Contains(v.err, "address already in use") {
			v = runFunctionsFramework(c) // lost the race for the free port
		}
		return v
	case cases.Receiver:
		return runReceiver(c)
	}
	return rejected("start", "unknown kind %q", c.Kind)
}

// runLambda invokes the handler as aws-lambda-go's invoke loop does.
// aws-lambda-go checks the handler when it is built and reports the
// problem on each invocation, so both failures show at invoke.
func runLambda(c cases.Case) (v verdict) {
	defer func() {
		if r := recover(); r != nil {
			v = rejected("invoke", "panic: %v", r)
		}
	}()
	payload, err := json.Marshal(sample(inputType(c)).Interface())
	if err != nil {
		return rejected("invoke", "no payload: %v", err)
	}
	if _, err := lambda.NewHandler(c.Fn).Invoke(context.Background(), payload); err != nil {
		return rejected("invoke", "%v", err)
	}
	return verdict{ok: true}
}

// Environment of the functions-framework child process.
const (
	envCase = "FAASVET_CONFORMANCE_CASE"
	envPort = "FAASVET_CONFORMANCE_PORT"
)

// serveFunctionsFramework is the child process: it registers one case
// and serves it, as a deployed function does. It returns only when the
// framework refuses to serve.
func serveFunctionsFramework(id, port string) int {
	c, ok := findCase(id)
	if !ok {
		fmt.Fprintf(os.Stderr, "no case %q\n", id)
		return 2
	}
	switch c.Kind {
	case cases.Typed:
		functions.Typed("conformance", c.Fn)
	case cases.Event:
		if err := funcframework.RegisterEventFunctionContext(context.Background(), "/conformance", c.Fn); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 3
		}
	}
	err := funcframework.StartHostPort("127.0.0.1", port)
	fmt.Fprintln(os.Stderr, err)
	return 3
}

func findCase(id string) (cases.Case, bool) {
	for _, c := range cases.Table {
		if c.ID == id {
			return c, true
		}
	}
	return cases.Case{}, false
}

// runFunctionsFramework serves c in a child process, since the
// framework's registry is global and serving blocks, then POSTs one
// event to it.
func runFunctionsFramework(c cases.Case) verdict {
	port, err := freePort()
	if err != nil {
		return rejected("start", "no free port: %v", err)
	}
	cmd := exec.Command(os.Args[0])
	// FUNCTION_TARGET makes the framework serve the function at "/", as
	// on Cloud Functions.
	cmd.Env = append(os.Environ(), envCase+"="+c.ID, envPort+"="+port, "FUNCTION_TARGET=conformance")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return rejected("start", "cannot run the child: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	waited := false
	defer func() {
		if !waited {
			_ = cmd.Process.Kill()
			<-exited
		}
	}()

	addr := net.JoinHostPort("127.0.0.1", port)
	deadline := time.Now().Add(20 * time.Second)
	for {
		select {
		case err := <-exited:
			waited = true
			return rejected("start", "%v: %s", err, firstLine(stderr.String()))
		case <-time.After(10 * time.Millisecond):
		}
		if conn, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			conn.Close()
			break
		}
		if time.Now().After(deadline) {
			return rejected("start", "the server did not listen within 20s")
		}
	}

	payload, err := json.Marshal(sample(inputType(c)).Interface())
	if err != nil {
		return rejected("invoke", "no payload: %v", err)
	}
	if c.Kind == cases.Event {
		// Cloud Functions delivers a background event: the payload is its
		// data.
		payload = fmt.Appendf(nil, `{"context":{"eventId":"conformance-1","timestamp":"2024-01-01T00:00:00Z",`+
			`"eventType":"providers/cloud.pubsub/eventTypes/topic.publish","resource":"projects/p/topics/t"},"data":%s}`, payload)
	}
	status, body, err := post("http://"+addr+"/", payload, nil)
	if err != nil {
		return rejected("invoke", "%v", err)
	}
	if status/100 != 2 {
		return rejected("invoke", "HTTP %d: %s", status, firstLine(body))
	}
	return verdict{ok: true}
}

// runReceiver starts a real CloudEvents HTTP client with c as its
// receiver and, if StartReceiver takes it, delivers one event.
func runReceiver(c cases.Case) verdict {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return rejected("start", "%v", err)
	}
	defer ln.Close()
	p, err := cehttp.New(cehttp.WithListener(ln))
	if err != nil {
		return rejected("start", "%v", err)
	}
	cl, err := client.New(p)
	if err != nil {
		return rejected("start", "%v", err)
	}
	// The client logs why a delivery failed; the HTTP answer does not say.
	var logs syncBuffer
	logger := zap.New(zapcore.NewCore(zapcore.NewConsoleEncoder(zapcore.EncoderConfig{MessageKey: "msg"}), zapcore.AddSync(&logs), zap.DebugLevel))
	ctx, cancel := context.WithCancel(cecontext.WithLogger(context.Background(), logger.Sugar()))
	defer cancel()
	started := make(chan error, 1)
	go func() { started <- cl.StartReceiver(ctx, c.Fn) }()

	type response struct {
		status int
		body   string
		err    error
	}
	delivered := make(chan response, 1)
	go func() {
		header := http.Header{
			"Ce-Specversion": {"1.0"},
			"Ce-Id":          {"conformance-1"},
			"Ce-Source":      {"faasvet/conformance"},
			"Ce-Type":        {"faasvet.conformance.order"},
		}
		status, body, err := post("http://"+ln.Addr().String()+"/", []byte(`{"ID":"o-1","Qty":1}`), header)
		delivered <- response{status, body, err}
	}()

	select {
	case err := <-started:
		ln.Close() // unblocks the delivery
		<-delivered
		if err == nil {
			err = errors.New("StartReceiver returned nil without serving")
		}
		return rejected("start", "%v", err)
	case r := <-delivered:
		cancel()
		select {
		case <-started:
		case <-time.After(5 * time.Second):
		}
		switch {
		case r.err != nil:
			return rejected("invoke", "%v", r.err)
		case r.status/100 != 2:
			why := firstLine(r.body)
			if why == "" {
				why = firstLine(logs.String())
			}
			if why == "" {
				why = "empty body: the receiver's result is not an ACK"
			}
			return rejected("invoke", "HTTP %d: %s", r.status, why)
		}
		return verdict{ok: true}
	}
}

// syncBuffer is a bytes.Buffer that goroutines may write at once.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func post(url string, body []byte, header http.Header) (int, string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), nil
}

func freePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	_, port, err := net.SplitHostPort(ln.Addr().String())
	return port, err
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// inputType is the type that the runtime decodes the event into, or nil
// when it decodes none.
func inputType(c cases.Case) reflect.Type {
	t := reflect.TypeOf(c.Fn)
	if t.Kind() != reflect.Func || t.NumIn() == 0 {
		return nil
	}
	last := t.In(t.NumIn() - 1)
	if c.Kind == cases.Lambda && t.NumIn() == 1 && last.Kind() == reflect.Interface && last.NumMethod() > 0 {
		return nil // the context
	}
	return last
}

var jsonMarshaler = reflect.TypeFor[json.Marshaler]()

// sample is a value of t to send as the event: t's zero value, except
// that pointers, slices, maps and empty interfaces hold one zero element,
// so that the payload is not null, which every type decodes.
func sample(t reflect.Type) reflect.Value {
	if t == nil {
		return reflect.ValueOf(map[string]any{})
	}
	if t.Implements(jsonMarshaler) || reflect.PointerTo(t).Implements(jsonMarshaler) {
		return reflect.Zero(t)
	}
	switch t.Kind() {
	case reflect.Pointer:
		p := reflect.New(t.Elem())
		p.Elem().Set(sample(t.Elem()))
		return p
	case reflect.Slice:
		s := reflect.MakeSlice(t, 1, 1)
		s.Index(0).Set(sample(t.Elem()))
		return s
	case reflect.Map:
		if t.Key().Kind() == reflect.String {
			m := reflect.MakeMap(t)
			m.SetMapIndex(reflect.ValueOf("k").Convert(t.Key()), sample(t.Elem()))
			return m
		}
	case reflect.Interface:
		if t.NumMethod() == 0 {
			return reflect.ValueOf(map[string]any{})
		}
	}
	return reflect.Zero(t)
}
