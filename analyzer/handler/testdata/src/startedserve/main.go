// Command startedserve is one function: the handler that server.Serve
// starts, through two funcs of package server.
package main

import "server"

func main() {
	server.Serve()
}
