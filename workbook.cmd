@echo off
rem The fast way to run the workbook on Windows: `workbook check failover-coordinator` (see ./workbook).
node "%~dp0bin\workbook.js" %*
