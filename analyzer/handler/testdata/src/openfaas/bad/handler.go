package function

import handler "github.com/openfaas/templates-sdk/go-http"

func Handle(req handler.Request) handler.Response { return handler.Response{} } // want `openfaas handler Handle has signature func\(req handler.Request\) handler.Response`
