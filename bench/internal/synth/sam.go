package synth

import (
	"fmt"
	"strings"
	"unicode"
)

// logicalID is a function's CloudFormation logical ID: Fn00012.
func logicalID(name string) string {
	r := []rune(name)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// samFunction is the template resource of one function; extra is more
// of its properties (Events, Policies), indented, or "".
func samFunction(name, codeURI, extra string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "  %s:\n    Type: AWS::Serverless::Function\n    Metadata:\n      BuildMethod: go1.x\n    Properties:\n      FunctionName: %s\n      CodeUri: %s\n",
		logicalID(name), name, codeURI)
	b.WriteString(extra)
	return b.String()
}

// schedule is the Events block of a function's or state machine's
// Properties (indented for them) that starts it every hour with a
// constant input: a real app's entry points have a trigger, and this one
// delivers JSON that every entry type of the tree decodes (they all
// embed common.Header).
func schedule() string {
	const indent = "      "
	return indent + "Events:\n" + indent + "  Hourly:\n" + indent + "    Type: Schedule\n" + indent + "    Properties:\n" +
		indent + "      Schedule: rate(1 hour)\n" + indent + "      Input: '{\"id\": \"hourly\"}'\n"
}

// samPipeline adds a pipeline's functions, its queue and its state
// machine to the template, and writes the state machine's definition:
// the first JSON stages in sequence, each Task's output the next one's
// input, as the directives route them.
func (g *gen) samPipeline(p int, stages []stage, jsonStages int, sink bool, queue string) {
	queueID := strings.ToUpper(pipeName(p)[:1]) + pipeName(p)[1:] + "Sink"
	for i, st := range stages {
		var events string
		switch {
		case sink && i == len(stages)-1:
			events = fmt.Sprintf("      Events:\n        Queue:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt %s.Arn\n            BatchSize: 10\n            FunctionResponseTypes:\n              - ReportBatchItemFailures\n", queueID)
		case sink:
			events = fmt.Sprintf("      Policies:\n        - SQSSendMessagePolicy:\n            QueueName: !GetAtt %s.QueueName\n", queueID)
			var invoke *stage
			if i+2 < jsonStages {
				invoke = &stages[i+2]
				events += fmt.Sprintf("        - LambdaInvokePolicy:\n            FunctionName: !Ref %s\n", logicalID(invoke.name))
			}
			if g.plan.Helpers {
				events += helperEnv(st, invoke, queueID)
			}
		}
		g.resources = append(g.resources, samFunction(st.name, st.dir+"/", events))
	}
	if sink {
		g.resources = append(g.resources, fmt.Sprintf("  %s:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: %s\n", queueID, queue))
	}
	steps := min(3, jsonStages)
	if steps < 2 {
		return
	}
	g.plan.StateMachines++
	def := "statemachines/" + pipeName(p) + ".asl.json"
	var subst, pol strings.Builder
	var states []string
	for i := range steps {
		st := stages[i]
		fmt.Fprintf(&subst, "        %sArn: !GetAtt %s.Arn\n", logicalID(st.name), logicalID(st.name))
		fmt.Fprintf(&pol, "        - LambdaInvokePolicy:\n            FunctionName: !Ref %s\n", logicalID(st.name))
		next := `"End": true`
		if i+1 < steps {
			next = fmt.Sprintf(`"Next": "Stage%d"`, i+1)
		}
		states = append(states, fmt.Sprintf(`    "Stage%d": {
      "Type": "Task",
      "Resource": "${%sArn}",
      "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "MaxAttempts": 3}],
      %s
    }`, i, logicalID(st.name), next))
	}
	g.add(def, fmt.Sprintf(`{
  "Comment": "The first stages of pipeline %d, in order.",
  "StartAt": "Stage0",
  "States": {
%s
  }
}
`, p, strings.Join(states, ",\n")))
	g.resources = append(g.resources, fmt.Sprintf("  %sFlow:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: %s\n      DefinitionSubstitutions:\n%s      Policies:\n%s%s",
		strings.ToUpper(pipeName(p)[:1])+pipeName(p)[1:], def, subst.String(), pol.String(), schedule()))
}

// template writes template.yaml, the SAM template of the whole tree.
func (g *gen) template() {
	var b strings.Builder
	fmt.Fprintf(&b, `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Description: faasbench, %d functions
Globals:
  Function:
    Runtime: provided.al2023
    Handler: bootstrap
    Architectures:
      - arm64
    Timeout: 30
Resources:
`, g.plan.N)
	for _, r := range g.resources {
		b.WriteString(r)
	}
	g.add("template.yaml", b.String())
}
