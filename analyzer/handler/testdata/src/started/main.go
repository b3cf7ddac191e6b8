// Command started is one function: the handler that (*server.Server).Start starts.
package main

import "server"

func main() {
	server.New("orders").Start()
}
