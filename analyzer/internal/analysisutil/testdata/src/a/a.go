package a // want `internal error: analyzer panicky panicked on package a: boom; please report this`

func F() {}
