"""Reports the team hands on: workbooks built from the same KPI services the
dashboard and ``shopdesk metrics`` use, so a figure never differs between them."""
