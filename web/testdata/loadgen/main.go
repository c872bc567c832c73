// Command loadgen fetches one URL over and over from several connections for a
// while and prints, as JSON, how many requests succeeded per second and the 50th
// and 99th percentile latencies. The portal's load test runs it as a process of
// its own, so that the client does not share the server's Go runtime.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

type result struct {
	URL         string  `json:"url"`
	Connections int     `json:"connections"`
	Seconds     float64 `json:"seconds"`
	Requests    int     `json:"requests"`
	Errors      int     `json:"errors"`
	Bytes       int64   `json:"bytes"`
	RPS         float64 `json:"rps"`
	P50ms       float64 `json:"p50_ms"`
	P99ms       float64 `json:"p99_ms"`
}

func main() {
	url := flag.String("url", "", "URL to fetch")
	conns := flag.Int("c", 16, "connections")
	dur := flag.Duration("d", 10*time.Second, "measured duration")
	warm := flag.Duration("warmup", time.Second, "unmeasured warm-up before it")
	unique := flag.Bool("unique", false, "add u=N to the query to make every URL new (defeats caches)")
	flag.Parse()
	if *url == "" || *conns < 1 {
		fmt.Fprintln(os.Stderr, "usage: loadgen -url URL [-c 16] [-d 10s] [-warmup 1s] [-unique]")
		os.Exit(2)
	}
	tr := &http.Transport{MaxIdleConnsPerHost: *conns, MaxConnsPerHost: *conns, DisableCompression: true}
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}

	start := time.Now()
	measureFrom, end := start.Add(*warm), start.Add(*warm+*dur)
	var mu sync.Mutex
	var lat []time.Duration
	res := result{URL: *url, Connections: *conns}
	var wg sync.WaitGroup
	var seq atomic.Int64
	for range *conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			errs, bytes := 0, int64(0)
			for {
				t0 := time.Now()
				if t0.After(end) {
					break
				}
				u := *url
				if *unique {
					sep := "?"
					if strings.Contains(u, "?") {
						sep = "&"
					}
					u += sep + "u=" + strconv.FormatInt(seq.Add(1), 10)
				}
				n, err := fetch(client, u)
				t1 := time.Now()
				if t0.Before(measureFrom) || t1.After(end) {
					continue
				}
				if err != nil {
					errs++
					continue
				}
				mine = append(mine, t1.Sub(t0))
				bytes += n
			}
			mu.Lock()
			lat = append(lat, mine...)
			res.Errors += errs
			res.Bytes += bytes
			mu.Unlock()
		}()
	}
	wg.Wait()
	slices.Sort(lat)
	res.Seconds = dur.Seconds()
	res.Requests = len(lat)
	res.RPS = float64(len(lat)) / res.Seconds
	res.P50ms = percentile(lat, 50)
	res.P99ms = percentile(lat, 99)
	json.NewEncoder(os.Stdout).Encode(res)
}

func fetch(c *http.Client, url string) (int64, error) {
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("status %d", resp.StatusCode)
	}
	return n, err
}

// percentile returns the p-th percentile of sorted latencies in milliseconds.
func percentile(sorted []time.Duration, p int) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := (len(sorted)*p + 99) / 100
	i = min(max(i-1, 0), len(sorted)-1)
	return float64(sorted[i].Microseconds()) / 1000
}
