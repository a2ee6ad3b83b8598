#!/usr/bin/env bash
# Runs the JVM-flag snippets of docs/guide.md ("JVM flags") as a user of the library would, so that they cannot
# rot: a service's build (consumer/) whose tests get the flags from Surefire's argLine, exec:exec, an executable
# jar with Add-Opens/Add-Exports in its manifest, `java @jvm.options` and `JDK_JAVA_OPTIONS=@jvm.options`. It also
# checks that the guide shows the consumer's snippets as they are and that their flags are the library's.
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
PY

cp -r "$root/docs/examples/consumer" "$work/consumer"
cd "$work/consumer"
expect() { # expect WHAT EXPECTED COMMAND...
    local what=$1 expected=$2 out
    shift 2
    out=$("$@" 2>&1 | grep '^runs ' | tail -1 || true)
    if [[ "$out" != "$expected" ]]; then
        echo "FAIL $what: expected '$expected', got '$out'" >&2
        exit 1
    fi
    echo "ok   $what"
}
mvn -B -q -Dstyle.color=never package
echo "ok   Surefire argLine (the consumer's test ran in mvn package)"
expect "exec:exec" "runs 1" mvn -B -q -Dstyle.color=never exec:exec
expect "java -jar with Add-Opens/Add-Exports in the manifest" "runs 2" java -jar target/consumer-1.0.jar target/store
expect "java @jvm.options" "runs 3" java @target/jvm.options -cp "target/consumer-1.0.jar:target/lib/*" example.Counter target/store
expect "JDK_JAVA_OPTIONS=@jvm.options" "runs 4" env JDK_JAVA_OPTIONS=@target/jvm.options java -cp "target/consumer-1.0.jar:target/lib/*" example.Counter target/store
