// Package driver is the engine of faasvet check. It lists the packages
// with go/packages, loads them one at a time in import order as
// go/packages would (stream.go) and runs the analyzers on each as it
// comes, with their facts kept across packages (passes.go), dropping
// each package's syntax and type information once analysed (what the
// link stage and the findings moved to a declaration, decl.go, need of
// them is read as the package is analysed: link.Summarise, link.Decls,
// link.Uses, wire.Decls), and its types and facts once the stream has
// passed the last package that imports it, directly or not
// (release.go). It hands what the analyzers found to the link
// stage (package link), which builds the function graph and runs the
// whole-program checks, and turns everything into sorted
// report.Findings.
//
// Loading is forgiving, one file per concern: modules.go plans one load
// per module when the patterns span several; unreachable.go loads again,
// with an empty module in its place, when the go command cannot fetch a
// module version that its module graph names (a proxy's 403 or 410, a
// private module), so that one such module does not hide the packages
// that do not need it; recheck.go and partial.go analyse in part a
// package whose imports failed; deps.go chooses the dependencies that
// wrap an SDK, which are read from source; nomodule.go gives the
// packages of a go/packages driver that lists no modules (rules_go's
// gopackagesdriver) the modules their go.mod files declare.
//
// With the cache (cached.go), a run whose inputs are stored is replayed;
// an unchanged tree is replayed without asking the go command
// (stamp.go); after an edit that the go command's listing cannot see
// (bodies of packages that nothing imports), or that leaves an edited
// library's export data as it was, the listing is replayed (relist.go);
// and the packages that did not change reuse their analyses (reuse.go),
// stored in one pack when a run stores many (the cache's pack.go).
package driver
