#!/usr/bin/env bash
# Runs the JVM-flag snippets of docs/guide.md ("JVM flags") as a user of the library would, so that they cannot
# rot: a service's build (consumer/) whose tests get the flags from Surefire's and Failsafe's argLine, exec:exec,
# exec:java under MAVEN_OPTS, an executable jar with Add-Opens/Add-Exports in its manifest, `java @jvm.options` and
# `JDK_JAVA_OPTIONS=@jvm.options`. It also checks that the guide shows the consumer's snippets as they are and that
# their flags are the library's. Where this machine lacks the tool (no Gradle, no container engine), it runs what
# the snippet does without it: the Gradle block's flag list and manifest entries are computed as Gradle would and
# compared with the library's, and the Dockerfile's ENV and ENTRYPOINT are run on a jlink runtime without
# jdk.compiler, laid out as the Dockerfile's COPY lines lay out /app.
# Needs the library installed in the local Maven repository first: mvn -B install -DskipTests
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$root" <<'PY'
import re, sys, pathlib
root = pathlib.Path(sys.argv[1])
pom = (root / "docs/examples/consumer/pom.xml").read_text()
guide = (root / "docs/guide.md").read_text()
options = (root / "bin/jvm.options").read_text()
flags = " ".join(l for l in options.splitlines() if l.strip() and not l.startswith("#") and l.startswith("--"))
for name, block in re.findall(r"<!-- snippet: (\S+) -->\n(.*?)\n\s*<!-- end snippet -->", pom, re.S):
    lines = block.splitlines()
    indent = min(len(l) - len(l.lstrip()) for l in lines if l.strip())
    text = "\n".join(l[indent:] for l in lines)
    if text not in guide:
        sys.exit(f"docs/guide.md does not show the consumer's '{name}' snippet as it is:\n{text}")
declared = re.search(r"<sharedstate.flags>(.*?)</sharedstate.flags>", pom).group(1)
if declared != flags:
    sys.exit(f"the consumer's sharedstate.flags are not the library's (bin/jvm.options):\n{declared}\n{flags}")
print("guide snippets: as in docs/examples/consumer/pom.xml; flags: as in bin/jvm.options")

# Gradle: readLines().findAll { it.startsWith('--') }*.split(' ').flatten() over jvm.options, and the manifest.
gradle = re.search(r"```groovy\n(.*?)\n```", guide, re.S).group(1)
if "file('jvm.options').readLines().findAll { it.startsWith('--') }*.split(' ').flatten()" not in gradle:
    sys.exit("docs/guide.md's Gradle block no longer reads jvm.options as this check computes it:\n" + gradle)
gradle_flags = [part for line in options.splitlines() if line.startswith("--") for part in line.split(" ")]
if gradle_flags != flags.split(" "):
    sys.exit(f"the Gradle block's flags from bin/jvm.options are not the library's:\n{gradle_flags}\n{flags}")
for entry, prop in (("Add-Opens", "opens"), ("Add-Exports", "exports")):
    shown = re.search(rf"'{entry}': '([^']*)'", gradle).group(1)
    wanted = re.search(rf"<sharedstate.{prop}>(.*?)</sharedstate.{prop}>", pom).group(1)
    if shown != wanted:
        sys.exit(f"the Gradle block's {entry} is not the library's:\n{shown}\n{wanted}")
print("ok   Gradle: its flag list from jvm.options and its Add-Opens/Add-Exports are the library's")
PY

cp -r "$root/docs/examples/consumer" "$work/consumer"
cd "$work/consumer"
expect() { # expect WHAT EXPECTED COMMAND...
    local what=$1 expected=$2 out
    shift 2
    # Maven 3.8 prints stray colour resets even in batch mode, before exec:java's output on the same line.
    out=$("$@" 2>&1 | tee "$work/expect.log" | sed 's/\x1b\[[0-9;]*m//g' | grep '^runs ' | tail -1 || true)
    if [[ "$out" != "$expected" ]]; then
        echo "FAIL $what: expected '$expected', got '$out'; it printed:" >&2
        tail -20 "$work/expect.log" >&2
        exit 1
    fi
    echo "ok   $what"
}
mvn -B -q -Dstyle.color=never verify
for report in target/surefire-reports/TEST-example.CounterTest.xml target/failsafe-reports/TEST-example.CounterIT.xml; do
    grep -q 'tests="1" errors="0" skipped="0" failures="0"' "$report" \
        || { echo "FAIL $report does not show its one test passing" >&2; exit 1; }
done
echo "ok   Surefire and Failsafe argLine (the consumer's test and IT ran in mvn verify)"
# What Gradle's block reads is the file the library's jar prints, checked above as bin/jvm.options.
if ! diff <(grep '^--' "$root/bin/jvm.options") <(grep '^--' target/jvm.options); then
    echo "FAIL the jvm.options the library's jar prints has other flags than bin/jvm.options" >&2
    exit 1
fi
expect "exec:exec" "runs 1" mvn -B -q -Dstyle.color=never exec:exec@run
expect "java -jar with Add-Opens/Add-Exports in the manifest" "runs 2" java -jar target/consumer-1.0.jar target/store
expect "java @jvm.options" "runs 3" java @target/jvm.options -cp "target/consumer-1.0.jar:target/lib/*" example.Counter target/store
expect "JDK_JAVA_OPTIONS=@jvm.options" "runs 4" env JDK_JAVA_OPTIONS=@target/jvm.options java -cp "target/consumer-1.0.jar:target/lib/*" example.Counter target/store
expect "exec:java under MAVEN_OPTS=@jvm.options" "runs 5" env MAVEN_OPTS=@target/jvm.options \
    mvn -B -q -Dstyle.color=never exec:java -Dexec.mainClass=example.Counter -Dexec.args=target/store

# The Dockerfile: its COPY lines' /app, its ENV and its ENTRYPOINT, on a runtime made as JRE images are (no
# jdk.compiler). Only FROM and the image build itself are not run.
jdk=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
"$jdk/bin/jlink" --add-modules java.se,jdk.unsupported --no-header-files --no-man-pages --output "$work/jre"
if "$work/jre/bin/java" --list-modules | grep -q '^jdk.compiler'; then
    echo "FAIL the runtime for the Dockerfile has jdk.compiler" >&2
    exit 1
fi
app="$work/app"
mkdir -p "$app"
cp -r target/lib "$app/lib"
cp target/consumer-1.0.jar "$app/app.jar"
cp target/jvm.options "$app/jvm.options"
dockerfile=$(python3 -c 'import re,sys; print(re.search(r"```dockerfile\n(.*?)\n```", open(sys.argv[1]).read(), re.S).group(1))' "$root/docs/guide.md")
for copy in 'COPY target/lib/ /app/lib/' 'COPY target/app.jar jvm.options /app/'; do
    grep -qx "$copy" <<<"$dockerfile" || { echo "FAIL the guide's Dockerfile no longer has: $copy" >&2; exit 1; }
done
env_line=$(grep '^ENV JDK_JAVA_OPTIONS=' <<<"$dockerfile" | sed "s|^ENV ||; s|/app/|$app/|g")
mapfile -t entrypoint < <(python3 -c 'import json,sys,re; [print(a) for a in json.loads(re.search(r"^ENTRYPOINT (.*)$", sys.argv[1], re.M).group(1))]' "$dockerfile")
entrypoint=("${entrypoint[@]//\/app\//$app/}")
if [[ "${entrypoint[0]}" != java || "${entrypoint[-1]}" != com.example.Main ]]; then
    echo "FAIL the guide's Dockerfile ENTRYPOINT is not java ... com.example.Main: ${entrypoint[*]}" >&2
    exit 1
fi
expect "Dockerfile ENV and ENTRYPOINT on a JRE without jdk.compiler" "runs 6" \
    env PATH="$work/jre/bin:$PATH" "$env_line" "${entrypoint[@]:0:${#entrypoint[@]}-1}" example.Counter target/store
