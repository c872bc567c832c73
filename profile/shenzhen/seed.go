package shenzhen

import _ "embed"

// PublishedSeed is the text of the published 2024 budget of 深圳市龙岗区政务服务数据管理局
// that the profile was built from (its tables 2 to 5 were images and are lost). The
// demonstration portal shows it beside the budget rebuilt from its figures.
//
//go:embed testdata/seed-longgang-2024.txt
var PublishedSeed []byte
