<#
.SYNOPSIS
Builds the Windows installer of the QueryBench workbench with jpackage.

.DESCRIPTION
Produces, under installers\target\windows:
  image\QueryBench\                   the app image (QueryBench.exe, querybench.exe for the command line, runtime)
  dist\QueryBench-<version>.msi       the installer: Start menu entry, optional desktop shortcut,
                                      choice of folder (default C:\Program Files\QueryBench)

Needs:
  - JDK 25 for x64 (JAVA_HOME).
  - WiX Toolset, which jpackage uses to make the .msi. Either WiX 3.14 (candle.exe and light.exe on
    PATH; install from the WiX releases page, then add its bin folder to PATH), or WiX 4 or newer:
        dotnet tool install --global wix
        wix extension add -g WixToolset.Util.wixext
        wix extension add -g WixToolset.UI.wixext
    (the extension versions must match the wix tool's version: wix --version).
Run from PowerShell 5.1 or 7 (-ExecutionPolicy Bypass if scripts are blocked):
    powershell -ExecutionPolicy Bypass -File installers\build.ps1 [-SkipMaven] [-ImageOnly]

.PARAMETER SkipMaven
Use app\target as it is instead of running mvnw package first.

.PARAMETER ImageOnly
Build the app image only (no WiX needed).
#>
param(
    [switch]$SkipMaven,
    [switch]$ImageOnly
)
$ErrorActionPreference = 'Stop'
$Root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
Set-Location $Root
$MaxImageMb = if ($env:QB_MAX_IMAGE_MB) { [int]$env:QB_MAX_IMAGE_MB } else { 200 }

function Say([string]$Text) { Write-Host "`n== $Text" }
function Fail([string]$Text) { [Console]::Error.WriteLine("installers: $Text"); exit 1 }
function Run([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { Fail "$([IO.Path]::GetFileName($Exe)) failed with exit code $LASTEXITCODE" }
}
function Prep([string[]]$Arguments) {
    $output = & $script:Java installers/tools/InstallerPrep.java @Arguments
    if ($LASTEXITCODE -ne 0) { Fail "InstallerPrep $($Arguments[0]) failed" }
    return $output
}

if (-not $env:JAVA_HOME) { Fail 'set JAVA_HOME to a JDK 25' }
$Java = Join-Path $env:JAVA_HOME 'bin\java.exe'
$Jlink = Join-Path $env:JAVA_HOME 'bin\jlink.exe'
$Jpackage = Join-Path $env:JAVA_HOME 'bin\jpackage.exe'
foreach ($tool in @($Java, $Jlink, $Jpackage)) {
    if (-not (Test-Path $tool)) { Fail "$tool is missing: JAVA_HOME must point at a JDK 25 with jlink and jpackage" }
}
if (-not $ImageOnly) {
    $wix3 = (Get-Command candle.exe -ErrorAction SilentlyContinue) -and (Get-Command light.exe -ErrorAction SilentlyContinue)
    $wix4 = Get-Command wix.exe -ErrorAction SilentlyContinue
    if (-not ($wix3 -or $wix4)) {
        Fail 'the .msi needs WiX: WiX 3.14 (candle.exe, light.exe on PATH) or WiX 4+ (dotnet tool install --global wix, plus the Util and UI extensions); see Get-Help installers\build.ps1, or use -ImageOnly'
    }
}

$Out = Join-Path $Root 'installers\target\windows'
New-Item -ItemType Directory -Force -Path $Out | Out-Null

if (-not $SkipMaven) {
    Say 'Maven package (app and its libraries)'
    Run (Join-Path $Root 'mvnw.cmd') @('-B', '-q', '-DskipTests', '-Djacoco.skip=true', 'package')
} elseif (-not (Test-Path 'app\target\querybench-app.jar')) {
    Fail 'app\target\querybench-app.jar is missing; run without -SkipMaven'
}

$Version = Prep @('version', 'app/target/querybench-app.jar', '--os', 'windows')
Write-Host "version: $Version, platform: windows-x64"

Say 'Stage the jars for windows-x64 (other platforms'' native libraries left out)'
Prep @('stage', 'app/target', "$Out\input", 'windows-x64') | Write-Host

Say 'Runtime: jdeps over the jars, then jlink'
$Modules = Prep @('modules', "$Out\input", 'installers/jpackage/extra-modules.txt')
Write-Host "modules: $Modules"
if (Test-Path "$Out\runtime") { Remove-Item -Recurse -Force "$Out\runtime" }
Run $Jlink @('--add-modules', $Modules, '--strip-debug', '--no-header-files', '--no-man-pages',
    '--compress', 'zip-6', '--output', "$Out\runtime")

# '@file' is quoted: unquoted, PowerShell would read it as splatting.
$Common = @('@installers/jpackage/common.args', '@installers/jpackage/windows.args',
    '--app-version', $Version, '--input', "$Out\input", '--runtime-image', "$Out\runtime")

Say 'App image'
if (Test-Path "$Out\image") { Remove-Item -Recurse -Force "$Out\image" }
Run $Jpackage (@('--type', 'app-image') + $Common + @('--dest', "$Out\image"))
$Image = Join-Path $Out 'image\QueryBench'
$ImageMb = [math]::Ceiling(((Get-ChildItem -Recurse -File $Image | Measure-Object -Sum Length).Sum) / 1MB)
Write-Host "app image: $Image, $ImageMb MB"
if ($ImageMb -gt $MaxImageMb) {
    Fail "the app image is $ImageMb MB, over the $MaxImageMb MB limit: see which jar grew in $Out\input\lib"
}

if (-not $ImageOnly) {
    Say '.msi'
    if (Test-Path "$Out\dist") { Remove-Item -Recurse -Force "$Out\dist" }
    Run $Jpackage (@('--type', 'msi') + $Common + @('@installers/jpackage/windows-package.args', '--dest', "$Out\dist"))
    Get-ChildItem "$Out\dist" | ForEach-Object { Write-Host ("{0}  {1:N1} MB" -f $_.FullName, ($_.Length / 1MB)) }
}
