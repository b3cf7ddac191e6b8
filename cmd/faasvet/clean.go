package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/faasvet/faasvet/internal/cache"
)

// openCache opens the result cache; nil (analyse everything) when it is
// off or cannot be opened, which is said on stderr.
func openCache(stderr io.Writer) *cache.Cache {
	c, err := cache.Open()
	if err != nil {
		fmt.Fprintf(stderr, "faasvet: cache not used: %v\n", err)
		return nil
	}
	return c
}

func newClean(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "clean",
		Short: "Remove faasvet's cache",
		Long: `clean removes the directory where faasvet keeps its results: faasvet
under the user cache directory, or $FAASVET_CACHE when it names another
(FAASVET_CACHE=off turns the cache off).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			dir, err := cache.Dir()
			if err != nil {
				return err
			}
			if dir == "off" {
				fmt.Fprintln(stdout, "faasvet: the cache is off (FAASVET_CACHE=off): nothing to remove")
				return nil
			}
			if err := cache.Clean(dir); err != nil {
				return err
			}
			fmt.Fprintln(stdout, "faasvet: removed", dir)
			return nil
		},
	}
}
