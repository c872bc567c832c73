package pdf

import (
	"math"
	"strings"
)

// words are the words of budget titles that a line break should not split
// (数据管 / 理局): administrative and budget vocabulary, longest first where one
// contains another. A break between two of them, or after a bracket, costs
// nothing; one inside a word costs more than an uneven pair of lines.
var words = []string{
	"人民代表大会", "常务委员会", "委员会", "办公室", "办事处", "管理局", "服务中心", "中心",
	"部门预算", "单位预算", "部门决算", "单位决算", "预算", "决算",
	"一般公共", "政府性基金", "国有资本", "经营", "财政拨款", "财政", "拨款", "三公", "经费",
	"收支总表", "收入总表", "支出总表", "总表", "收支", "收入", "支出", "基本", "项目", "绩效", "目标",
	"功能分类", "经济分类", "分类", "政府采购", "采购", "情况", "说明", "名词解释", "解释", "部门", "单位", "整体",
	"数据", "管理", "服务", "政务", "建设", "发展", "改革", "规划", "自然资源", "资源", "生态环境", "环境",
	"住房", "城乡", "交通运输", "运输", "水务", "卫生健康", "卫生", "健康", "教育", "科技", "创新",
	"工业", "信息化", "信息", "公安", "司法", "民政", "人力资源", "社会保障", "社会", "保障", "文化",
	"广电", "旅游", "体育", "应急", "市场监督", "监督", "统计", "审计", "税务", "信访", "宣传", "统战",
	"组织", "机关", "事务", "街道", "社区", "人民", "政府", "政协", "纪律检查", "检察", "法院", "气象",
	"商务", "金融", "国有资产", "资产", "机构", "运行", "其他", "需要", "重点", "概况", "深圳", "上海",
	"北京", "广州", "杭州", "江苏", "龙岗", "普陀", "本级", "年度",
}

// breakAfter are characters after which a title breaks well: the ends of
// place and organisation names.
const breakAfter = "年市区县省局委厅院会室所站队处部办镇级司）》」』】〕〉”、，；："

// titleLines breaks a title into the fewest lines that width allows, choosing
// among the breaks that give that many lines the ones that split no word and
// give lines of even length. A long text is wrapped plainly.
func (r *renderer) titleLines(text string, st style, width float64) []line {
	plain := r.wrap(text, st, width, 0)
	if len(plain) < 2 || strings.Contains(text, "\n") || len([]rune(text)) > 200 {
		return plain
	}
	us := r.units(text, st, width)
	n := len(us)
	// cost[i] is the price of a break before unit i.
	inside := make([]bool, len(text)+1)
	for _, w := range words {
		for off := 0; ; {
			i := strings.Index(text[off:], w)
			if i < 0 {
				break
			}
			start := off + i
			for b := start + 1; b < start+len(w); b++ {
				inside[b] = true
			}
			off = start + len(w)
		}
	}
	cost := make([]float64, n+1)
	pos := 0
	for i, u := range us {
		if i > 0 {
			prev := us[i-1]
			last := []rune(prev.s)
			c := 0.3
			switch {
			case u.noStart || prev.noEnd:
				c = math.Inf(1)
			case isWordRune([]rune(u.s)[0]) && isWordRune(last[len(last)-1]) && !u.space && !prev.space:
				c = math.Inf(1)
			case u.space || prev.space || strings.ContainsRune(breakAfter, last[len(last)-1]) || strings.ContainsRune(noEnd, []rune(u.s)[0]):
				c = 0
			case inside[pos]:
				c = 2
			}
			cost[i] = c
		}
		pos += len(u.s)
	}
	// lineW measures units [i, j) without the spaces at either end.
	lineW := func(i, j int) float64 {
		for i < j && us[i].space {
			i++
		}
		for j > i && us[j-1].space {
			j--
		}
		w := 0.0
		for _, u := range us[i:j] {
			w += u.w
		}
		return w
	}
	total := lineW(0, n)
	lines := len(plain)
	target := total / float64(lines)
	// best[k][j]: least cost of setting units [0, j) on k lines.
	best := make([][]float64, lines+1)
	from := make([][]int, lines+1)
	for k := range best {
		best[k] = make([]float64, n+1)
		from[k] = make([]int, n+1)
		for j := range best[k] {
			best[k][j] = math.Inf(1)
		}
	}
	best[0][0] = 0
	for k := 1; k <= lines; k++ {
		for j := 1; j <= n; j++ {
			if k < lines && j == n || k == lines && j != n {
				continue
			}
			for i := j - 1; i >= 0; i-- {
				w := lineW(i, j)
				if w > width+1e-6 {
					break
				}
				if math.IsInf(best[k-1][i], 1) {
					continue
				}
				d := (w - target) / target
				c := best[k-1][i] + 4*d*d
				if j < n {
					c += cost[j]
				}
				if c < best[k][j] {
					best[k][j], from[k][j] = c, i
				}
			}
		}
	}
	if math.IsInf(best[lines][n], 1) {
		return plain
	}
	out := make([]line, lines)
	for k, j := lines, n; k > 0; k-- {
		i := from[k][j]
		var b strings.Builder
		a, e := i, j
		for a < e && us[a].space {
			a++
		}
		for e > a && us[e-1].space {
			e--
		}
		for _, u := range us[a:e] {
			b.WriteString(u.s)
		}
		out[k-1] = line{s: b.String(), hard: k == lines}
		j = i
	}
	return out
}
