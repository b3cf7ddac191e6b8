// Recall is the yardstick of faasvet's route discovery: it runs faasvet
// on public multi-function Go serverless apps, each pinned by commit, and
// scores what it finds against ground truth that a person wrote after
// reading the app's code and infrastructure.
//
// The ground truth is one YAML file per app in apps/ (the format is in
// SCHEMA.md): the directory of each function's Go package, the routes
// between them (producer directory, channel, consumer directory, the Go
// type at each end, the evidence), the routes the repository cannot reveal
// with the reason, verified problems, and a verdict on every error- or
// warning-level finding faasvet reports. Facts only, never the apps' code.
//
// For each app the runner
//
//   - extracts the pinned commit from the repository that the search
//     tool's fetch left under -mirror (default /work/.mirror, or
//     $FAASVET_RECALL_MIRROR), with git ls-tree and cat-file, so that a
//     mirror without its largest blobs still extracts; the extraction is
//     never changed;
//   - copies it to a scratch directory, completes each module's go.sum as
//     a new user would (go list -mod=mod -deps), and runs faasvet graph and
//     faasvet check there (a partial run, exit status 2 with a document,
//     is scored on what loaded);
//   - matches functions and routes by directory, never by faasvet's node
//     names: a route is drawn when the graph joins a function of the
//     producer's directory to one of the consumer's, directly or through
//     channels only;
//   - for every drawn route, applies seeded payload mutations to the
//     consumer's decode site in the scratch copy (a field decoded as
//     another JSON kind, a one-sided ,string, a required key the producer
//     does not send) and counts those faasvet reports with the right
//     check, putting the file back after each.
//
// It writes results.json under -out and the Markdown report, which
// docs/recall.md is (generated, never edited by hand). Without the
// fetched repositories it prints one line and exits 0: CI cannot reach
// GitHub, and runs the runner's own tests instead.
//
// Usage, from the repository root:
//
//	go run ./bench/recall -doc docs/recall.md          # every app
//	go run ./bench/recall -run nozama -mutate=false    # one app, no mutations
//	go run ./bench/recall -faasvet /tmp/faasvet-old    # measure another build
package main
