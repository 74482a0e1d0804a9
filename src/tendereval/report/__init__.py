"""Writers of the Excel files officers take to committees and send to bidders.

``excel.write_report`` — the evaluation report (and the redacted public version);
``summaries.write_summaries`` — one assessment summary per supplier; ``styles`` and ``cells`` —
the shared look and the safe cell writing every workbook uses.
"""
