// Package asl reads Amazon States Language definitions (the state
// machines of AWS Step Functions) and follows the JSON through them.
//
// [Parse] reads a definition from a manifest tree (JSON, YAML, or inline
// in a CloudFormation template, with intrinsics where ARNs go) into a
// [Machine]: its states with their transitions, input and output
// processing, Choice rules, Parallel branches, Map item processors, Catch
// and Retry, and for each Task the function it calls. How a function
// reference resolves (an ARN, a ${substitution}, !GetAtt Fn.Arn) is the
// caller's business: [Options].Bind maps it to a function ID.
//
// [Machine.Simulate] runs the data flow over shapes instead of values:
// given the Marshal shape of each function's output (a jsonshape.Shape)
// and optionally the execution input's, it applies InputPath, Parameters,
// ResultSelector, ResultPath and OutputPath (JSONPath), or Arguments,
// Output and Assign with the workflow variables (JSONata), state by
// state, to a fixpoint over the transitions, and reports
//
//   - the JSON shape that reaches each Task's function, so that a caller
//     can check it against the function's Unmarshal shape, and
//   - what each service integration sends (SNS, SQS, EventBridge,
//     StartExecution: [State].Sends) and which functions' output reaches
//     each Task, and
//   - every path (InputPath, OutputPath, ItemsPath, a ".$" parameter, a
//     Choice Variable, a path inside an intrinsic function, a JSONata
//     field that is one path) that reads a key the JSON certainly does
//     not have.
//
// Precision comes first. Where a shape is unknown (no shape for a
// function, an execution input nobody typed, a service integration other
// than Lambda, a path outside the subset followed here, a JSONata
// expression) the value is unknown, and nothing is reported about it or
// about anything read from it. A state reached with several different
// values is judged on all of them: a read is reported only when it misses
// on every one. A Choice branch guarded by IsPresent does not get the
// values that lack the path, and paths an IsPresent test guards are never
// reported. Objects built by the machine (Parameters, ResultPath into an
// unknown input) keep what is known of them: a ResultPath of $.result on an
// unknown input gives an object whose key result is known and whose other
// keys are not.
//
// JSONata expressions are evaluated in a subset (paths from $states and
// variables, literals, object and array constructors, &, arithmetic,
// $merge, $string and functions of a fixed result kind); anything else is
// unknown.
package asl
