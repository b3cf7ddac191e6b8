// Package directive parses faasvet's comment directives:
//
//	//faas:function [NAME]
//	//faas:route to=NAME[,NAME...] [via=KIND] [payload=TYPE]
//	//faas:publish topic=NAME [payload=TYPE]
//	//faas:subscribe topic=NAME [payload=TYPE]
//	//faas:allow-cycle REASON...
//	//faasvet:ignore CHECK[,CHECK...] REASON...
//
// Like //go: directives, they start at the comment marker with no space.
// The parser knows each verb's arguments, so that a typo is reported with
// what was expected rather than silently ignored.
package directive
