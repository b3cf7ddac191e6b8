package checks

// catalogue is every check of every driver, one record each, sorted by
// ID (TestCatalogue keeps it so). It is a static table rather than a
// registry that packages fill from init, so that every binary (faasvet,
// the vet tool, the golangci-lint plugin, nogo) knows every check, and
// the README's table, the docs pages and the SARIF rules are generated
// from, and tested against, one list.
//
// A per-package check is reported by an analyzer through
// analysisutil.Report with its ID as the diagnostic's Category. A
// whole-program check is run by package link: link.wholeProgram maps
// each of these records to the function that runs it (the catalogue
// cannot name link's functions itself, since link, through the
// analyzers, imports this package), and link's TestCatalogue keeps the
// two in step.
var catalogue = []*Check{
	{ID: "ambiguous-field", Severity: Warning, Driver: PerPackage,
		Summary: "embedded fields with one JSON name at one depth: encoding/json silently drops both"},
	{ID: "catch-unreachable", Severity: Warning, Driver: WholeProgram,
		Summary: "a Step Functions Catch or Retry that names an error type the Task's Go handler never returns: it never fires"},
	{ID: "cycle", Severity: Error, Driver: WholeProgram,
		Summary:  "routes that loop back to where they started",
		Variants: map[string]Severity{"sync": Warning}},
	{ID: "directive", Severity: Warning, Driver: PerPackage,
		Summary: "a //faas: or //faasvet: directive that does not parse"},
	{ID: "duplicate-function", Severity: Warning, Driver: PerPackage,
		Summary: "two functions with one name in the analysed tree"},
	{ID: "embedded-pointer", Severity: Error, Driver: PerPackage,
		Summary: "an input type that embeds a pointer to an unexported struct: json.Unmarshal cannot set its promoted fields"},
	{ID: "envelope-mismatch", Severity: Error, Driver: WholeProgram,
		Summary: "a consumer that decodes a plain payload where its trigger wraps it in an envelope, or the reverse"},
	{ID: "handler-signature", Severity: Error, Driver: PerPackage,
		Summary: "a handler signature that the platform's runtime rejects or fails on every invocation",
		Variants: map[string]Severity{
			"variadic": Error, "concrete-error": Error, "typed-error-only": Error, "openfaas": Error,
			"converted-event": Error, "runtime-choice": Info,
		}},
	{ID: "interface-field", Severity: Error, Driver: PerPackage,
		Summary:  "an interface in an input type: a non-empty one cannot be decoded; any decodes to generic maps and float64",
		Variants: map[string]Severity{"any": Info}},
	{ID: "internal-error", Severity: Error, Driver: PerPackage,
		Summary: "faasvet itself failed on this package; please report it"},
	{ID: "manifest", Severity: Warning, Driver: WholeProgram,
		Summary:  "an infrastructure file (SAM, CloudFormation, ASL, serverless.yml, OpenFaaS, Knative, a CDK cloud assembly) that faasvet cannot read",
		Variants: map[string]Severity{"templated": Info, "cdk": Info, "code": Info}},
	{ID: "marshaler-receiver", Severity: Warning, Driver: PerPackage,
		Summary: "a MarshalJSON or MarshalText method on *T that json.Marshal never calls, because T is marshalled by value"},
	{ID: "orphan-channel", Severity: Warning, Driver: WholeProgram,
		Summary: "a channel with publishers and no subscriber, or subscribers and no publisher"},
	{ID: "path-missing", Severity: Error, Driver: WholeProgram,
		Summary: "a Step Functions path that reads a key the state's input does not have"},
	{ID: "route-without-output", Severity: Warning, Driver: WholeProgram,
		Summary: "a function with no output routes somewhere: it sends null"},
	{ID: "tag-option", Severity: Warning, Driver: PerPackage,
		Summary: "a json tag option that does nothing: unknown, omitempty on a struct or array, string on a non-scalar"},
	{ID: "trigger-type", Severity: Error, Driver: WholeProgram,
		Summary:  "a handler whose event or result type is not the one its trigger sends or reads (API Gateway 1.0/2.0, ALB, function URL, batch responses, Cognito, S3, SQS, schedules)",
		Variants: map[string]Severity{"lossy": Warning, "batch-response": Warning, "unread-batch-response": Warning}},
	{ID: "unexported-field", Severity: Warning, Driver: PerPackage,
		Summary: "a payload struct whose data is all in unexported fields: it travels as {}"},
	{ID: "unknown-target", Severity: Error, Driver: WholeProgram,
		Summary:  "a route to a function or channel that does not exist in the analysed tree",
		Variants: map[string]Severity{"unbound": Info}},
	{ID: "unreachable", Severity: Info, Driver: WholeProgram,
		Summary: "a function that routes elsewhere but that nothing feeds and its manifest gives no trigger"},
	{ID: "unresolved-route", Severity: Info, Driver: PerPackage,
		Summary:  "an SDK call to another function or channel whose target or payload faasvet cannot resolve",
		Variants: map[string]Severity{"assumed": Info}},
	{ID: "unsupported-type", Severity: Error, Driver: PerPackage,
		Summary:  "a payload field that encoding/json cannot marshal (or unmarshal): every call fails",
		Variants: map[string]Severity{"nullable": Warning}},
	{ID: "unused-ignore", Severity: Warning, Driver: WholeProgram,
		Summary: "a //faasvet:ignore that suppresses no finding"},
	{ID: "wire-case", Severity: Info, Driver: WholeProgram,
		Summary: "a JSON key that matches its consumer field only case-insensitively"},
	{ID: "wire-dropped", Severity: Info, Driver: WholeProgram,
		Summary: "a field the producer sends that the consumer drops"},
	{ID: "wire-missing", Severity: Warning, Driver: WholeProgram,
		Summary: "a field the consumer needs that the producer never sends"},
	{ID: "wire-narrowing", Severity: Warning, Driver: WholeProgram,
		Summary: "a number the consumer's type may not hold"},
	{ID: "wire-quoted", Severity: Error, Driver: WholeProgram,
		Summary: "the ,string tag option on one end of an edge only"},
	{ID: "wire-type", Severity: Error, Driver: WholeProgram,
		Summary: "the consumer cannot decode the JSON kind the producer sends on a field"},
	{ID: "wire-unsupported", Severity: Error, Driver: WholeProgram,
		Summary: "a value one end of an edge cannot marshal or unmarshal at all"},
}
