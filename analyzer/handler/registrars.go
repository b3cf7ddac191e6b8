package handler

// A registrar is an SDK func that registers a handler with its platform's
// runtime: what the finder reports it as, and which of the call's
// arguments are the handler and the function's name.
type registrar struct {
	platform Platform
	label    string // lambda.Start, client.StartReceiver
	style    Style  // "" when the handler's type decides (classify)
	// arg and name are the 1-based positions of the handler and of the
	// name argument; 0 for none.
	arg, name int
	method    bool // a method of an SDK type (client.StartReceiver)
}

// registrars are the SDK entry points that register a handler, by import
// path and func name: the one table both the finder (the callee's
// *types.Func) and its fallback for an import that failed (failed.go: the
// import path and the selector's name) read.
var registrars = map[string]map[string]registrar{
	lambdaPath: {
		"Start":                   {platform: Lambda, label: "lambda.Start", arg: 1},
		"StartWithOptions":        {platform: Lambda, label: "lambda.StartWithOptions", arg: 1},
		"StartHandler":            {platform: Lambda, label: "lambda.StartHandler", arg: 1},
		"StartHandlerFunc":        {platform: Lambda, label: "lambda.StartHandlerFunc", arg: 1},
		"NewHandler":              {platform: Lambda, label: "lambda.NewHandler", arg: 1},
		"NewHandlerWithOptions":   {platform: Lambda, label: "lambda.NewHandlerWithOptions", arg: 1},
		"StartWithContext":        {platform: Lambda, label: "lambda.StartWithContext", arg: 2},
		"StartHandlerWithContext": {platform: Lambda, label: "lambda.StartHandlerWithContext", arg: 2},
	},
	lambdaURLPath: {
		"Start": {platform: Lambda, label: "lambdaurl.Start", style: HTTP, arg: 1},
	},
	functionsPath: {
		"HTTP":       {platform: CloudFunctions, label: "functions.HTTP", name: 1, arg: 2},
		"CloudEvent": {platform: CloudFunctions, label: "functions.CloudEvent", name: 1, arg: 2},
		"Typed":      {platform: CloudFunctions, label: "functions.Typed", name: 1, arg: 2},
	},
	funcframePath: {
		"RegisterHTTPFunction":              {platform: CloudFunctions, label: "funcframework.RegisterHTTPFunction", name: 1, arg: 2},
		"RegisterEventFunction":             {platform: CloudFunctions, label: "funcframework.RegisterEventFunction", name: 1, arg: 2},
		"RegisterHTTPFunctionContext":       {platform: CloudFunctions, label: "funcframework.RegisterHTTPFunctionContext", name: 2, arg: 3},
		"RegisterEventFunctionContext":      {platform: CloudFunctions, label: "funcframework.RegisterEventFunctionContext", name: 2, arg: 3},
		"RegisterCloudEventFunctionContext": {platform: CloudFunctions, label: "funcframework.RegisterCloudEventFunctionContext", name: 2, arg: 3},
	},
	ceClientPath: {
		"StartReceiver": {platform: CloudEvents, label: "client.StartReceiver", style: CloudEvent, arg: 2, method: true},
	},
}

// registrarOf returns the registrar that the func or method (method)
// name of the package at path is, if it is one.
func registrarOf(path, name string, method bool) (registrar, bool) {
	r, ok := registrars[path][name]
	if !ok || r.method != method {
		return registrar{}, false
	}
	return r, true
}
