@echo off
rem QueryBench launcher of a build for Windows (generated into engine\target\bin and app\target\bin
rem by the Maven package from installers\launchers\launcher.cmd; see installers\README.md).
rem   querybench.cmd       the command line:  engine\target\querybench-engine.jar
rem   querybench-app.cmd   the workbench:     app\target\querybench-app.jar, JavaFX on the module path
rem Java: %JAVA_HOME%\bin\java.exe when JAVA_HOME is set, else java on PATH; it must be 25 or newer.
setlocal EnableExtensions EnableDelayedExpansion
set "REQUIRED=25"
set "NAME=%~n0"
for %%T in ("%~dp0..") do set "TARGET=%%~fT"
if defined JAVA_HOME (
  set "JAVA=%JAVA_HOME%\bin\java.exe"
  set "WHERE=JAVA_HOME (%JAVA_HOME%)"
  if not exist "!JAVA!" (
    echo %NAME%: JAVA_HOME is %JAVA_HOME%, which has no bin\java.exe: install a JDK %REQUIRED% ^(for example Eclipse Temurin 25^) and set JAVA_HOME to it. 1>&2
    exit /b 4
  )
) else (
  set "JAVA="
  for %%J in (java.exe) do set "JAVA=%%~$PATH:J"
  if not defined JAVA (
    echo %NAME%: QueryBench needs Java %REQUIRED% or newer, and there is no java on PATH and no JAVA_HOME: install a JDK %REQUIRED% ^(for example Eclipse Temurin 25^) and set JAVA_HOME to it. 1>&2
    exit /b 4
  )
  set "WHERE=the java on PATH (!JAVA!)"
)
set "VERSION="
for /f "tokens=3" %%V in ("!JAVA!" -version 2^>^&1 ^| findstr /i "version") do if not defined VERSION set "VERSION=%%~V"
set "FEATURE=!VERSION:1.8=8!"
for /f "delims=.-+_" %%F in ("!FEATURE!") do set "FEATURE=%%F"
set /a FEATURE_NUMBER=FEATURE 2>nul
if !FEATURE_NUMBER! LSS %REQUIRED% (
  echo QueryBench needs Java %REQUIRED% or newer, but !WHERE! is Java !VERSION!: install a JDK %REQUIRED% ^(for example Eclipse Temurin 25^) and set JAVA_HOME to it. 1>&2
  exit /b 4
)
if /i "%NAME:~0,14%"=="querybench-app" (
  set "JAR=%TARGET%\querybench-app.jar"
  set "AOT=%TARGET%\querybench-app.aot"
  set "MODULES="
  for %%M in ("%TARGET%\lib\javafx-*-*-win.jar") do set "MODULES=!MODULES!;%%~fM"
  set "ARGS=-XX:GCTimeRatio=4 -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10 -XX:G1PeriodicGCInterval=30000 -Djdk.reflect.useNativeAccessorOnly=true %QUERYBENCH_JAVA_OPTIONS% --module-path "!MODULES:~1!" --add-modules javafx.controls,javafx.fxml --enable-native-access=javafx.graphics,ALL-UNNAMED -cp "!JAR!" dev.querybench.app.QueryBenchLauncher"
) else (
  set "JAR=%TARGET%\querybench-engine.jar"
  set "AOT=%TARGET%\querybench.aot"
  rem score loads other classes than a run (its dataset readers and official comparators): its own cache
  if /i "%~1"=="score" if exist "%TARGET%\querybench-score.aot" set "AOT=%TARGET%\querybench-score.aot"
  set "ARGS=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms32m -XX:UserThreadWaitAttemptsAtExit=0 -Djdk.reflect.useNativeAccessorOnly=true %QUERYBENCH_JAVA_OPTIONS% --enable-native-access=ALL-UNNAMED -cp "!JAR!" dev.querybench.engine.cli.QueryBenchCli"
)
if not exist "!JAR!" (
  echo %NAME%: !JAR! is missing: build it with mvnw.cmd -q -B -DskipTests package 1>&2
  exit /b 4
)
set "AOTARG="
if exist "!AOT!" set "AOTARG=-XX:AOTCache=!AOT!"
rem an AOT option of the user's (training a cache with -XX:AOTCacheOutput, say) replaces ours
echo x !JDK_JAVA_OPTIONS! !QUERYBENCH_JAVA_OPTIONS! | findstr /c:"-XX:AOT" >nul && set "AOTARG="
"!JAVA!" !AOTARG! !ARGS! %*
exit /b %ERRORLEVEL%
