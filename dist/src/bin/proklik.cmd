@echo off
rem Proklik launcher of the release package (Windows cmd.exe and PowerShell): needs only a Java 17+ runtime.
rem Every argument goes to the CLI: bin\proklik.cmd help. Java: %JAVA_HOME%\bin\java.exe, else java on the PATH.
rem Configuration: conf\proklik.properties of this package unless PROKLIK_CONFIG names another file; the data
rem (keys, click logs, embedded database) lives in PROKLIK_HOME, by default .\data of the working folder.
setlocal
set "PROKLIK_DIR=%~dp0.."
if not defined PROKLIK_CONFIG if exist "%PROKLIK_DIR%\conf\proklik.properties" set "PROKLIK_CONFIG=%PROKLIK_DIR%\conf\proklik.properties"
if defined JAVA_HOME (set "PROKLIK_JAVA=%JAVA_HOME%\bin\java.exe") else (set "PROKLIK_JAVA=java")
rem A bounded heap; the throughput collector for the batch commands, G1's shorter pauses for the redirect server.
if not defined PROKLIK_JAVA_OPTS if /i "%~1"=="serve" (set "PROKLIK_JAVA_OPTS=-Xmx512m") else (set "PROKLIK_JAVA_OPTS=-Xmx512m -XX:+UseParallelGC")
"%PROKLIK_JAVA%" %PROKLIK_JAVA_OPTS% -jar "%PROKLIK_DIR%\lib\proklik.jar" %*
exit /b %ERRORLEVEL%
