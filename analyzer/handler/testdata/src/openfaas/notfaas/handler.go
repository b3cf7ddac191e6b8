package function

// Handle in a package named function, but nothing here is OpenFaaS.
func Handle(x, y int) int { return x + y }
