-- SQL Server Agent job: one Proklik import every 5 minutes on the database server (or any machine with Agent).
-- The CmdExec step runs as the Agent service account or a proxy (sp_add_proxy) that may read the drop folders;
-- PROKLIK_HOME and PROKLIK_CONFIG are set in that account's environment, or the command sets them as below.
-- The log is C:\ProgramData\Proklik\logs\proklik-import.log (rotated, README "Logs"); the job history keeps each
-- step's console output. Run with sqlcmd -I -i proklik-import-agent-job.sql; adjust the paths first.
USE msdb;
GO
EXEC dbo.sp_add_job @job_name = N'Proklik import', @description = N'Proklik: click logs into the ERP database';
EXEC dbo.sp_add_jobstep @job_name = N'Proklik import', @step_name = N'import', @subsystem = N'CmdExec',
     @command = N'cmd.exe /c "set PROKLIK_HOME=C:\ProgramData\Proklik&& set PROKLIK_CONFIG=C:\ProgramData\Proklik\proklik.properties&& set PROKLIK_LOGGING_DIR=C:\ProgramData\Proklik\logs&& "C:\Program Files\Proklik\bin\proklik.cmd" import --no-progress"',
     @retry_attempts = 0, @on_success_action = 1, @on_fail_action = 2;
EXEC dbo.sp_add_schedule @schedule_name = N'Proklik every 5 minutes', @freq_type = 4, @freq_interval = 1,
     @freq_subday_type = 4, @freq_subday_interval = 5;
EXEC dbo.sp_attach_schedule @job_name = N'Proklik import', @schedule_name = N'Proklik every 5 minutes';
EXEC dbo.sp_add_jobserver @job_name = N'Proklik import';
GO
