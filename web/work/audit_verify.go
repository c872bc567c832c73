package work

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

// verifyAllTimeout bounds a verification of the whole chain, which reads every
// entry (about 3 seconds for 100,000; docs/performance.md).
const verifyAllTimeout = 5 * time.Minute

// verifyChain verifies the audit log's hash chain for the audit page: the
// entries since the last verification, or with ?verify=all every entry.
func (s *Server) verifyChain(r *http.Request, p *auditPage) error {
	if r.URL.Query().Get("verify") == "all" {
		ctx, cancel := context.WithTimeout(r.Context(), verifyAllTimeout)
		defer cancel()
		brk, n, err := s.st.VerifyAudit(ctx)
		if err != nil {
			return err
		}
		p.ChainOK = brk == nil
		if brk == nil {
			p.Chain = fmt.Sprintf("审计日志完整：共 %d 条记录，已逐条校验全部记录的哈希链，校验通过。", n)
		} else {
			p.Chain = "审计日志的哈希链在第 " + formatID(brk.ID) + " 条记录处断开：" + brk.Reason + "。请立即报告系统管理员。"
		}
		return nil
	}
	ctx, cancel := s.query(r)
	defer cancel()
	v, err := s.st.VerifyAuditSince(ctx, s.opts.VerifyAllEvery)
	if err != nil {
		return err
	}
	p.ChainOK = v.Break == nil
	switch {
	case v.Break != nil:
		p.Chain = "审计日志的哈希链在第 " + formatID(v.Break.ID) + " 条记录处断开：" + v.Break.Reason + "。请立即报告系统管理员。"
	case v.Since.ID == 0:
		p.Chain = fmt.Sprintf("审计日志完整：共 %d 条记录，哈希链逐条校验通过。", v.Entries)
	default:
		p.ChainSince = true
		p.Chain = fmt.Sprintf("审计日志完整：共 %d 条记录，哈希链校验通过（本次校验了上次校验到的第 %s 条记录和此后的 %d 条新记录；上次逐条校验全部记录：%s）。",
			v.Entries, formatID(v.Since.ID), v.Checked, v.Since.Whole.Local().Format("2006-01-02 15:04:05"))
	}
	return nil
}
