package function

import "net/http"

func Handle(w http.ResponseWriter, r *http.Request) {}
