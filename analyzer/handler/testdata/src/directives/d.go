package directives

//faas:function billing
func Bill(in struct{ N int }) (struct{ OK bool }, error) { return struct{ OK bool }{}, nil }

//faas:functon typo // want `unknown directive //faas:functon: want one of allow-cycle, function, publish, route, subscribe`
func A() {}

//faas:route via=sqs // want `//faas:route needs to=`
func B() {}

//faas:route to=a,,b // want `has an empty name`
func C() {}

//faas:route to=a via=carrier-pigeon // want `unknown via=carrier-pigeon`
func D() {}

//faasvet:ignore handler-signature // want `has no reason`
func E() {}

//faasvet:nolint x // want `unknown directive //faasvet:nolint`
func F() {}

//faas:allow-cycle // want `needs a reason`
func G() {}

//faas:function two names // want `takes at most one name`
func H() {}

//faasvet:ignore wire-tpye,handler-signature the producer is being rewritten // want `unknown check "wire-tpye"; did you mean "wire-type"\?`
func typo() {}

//faasvet:ignore cycle,wire-type,unused-ignore every check known: quiet
func known() {}
