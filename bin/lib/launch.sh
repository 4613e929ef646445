# Shared by bin/cascade-server and bin/cascade-gateway: build if stale, then run from an extracted
# jar with a class-data-sharing archive, which starts about twice as fast as `java -jar` on the
# packed jar (docs/operations.md, "Starting fast").
#
#   launch NAME MODULE JAR_NAME [ARGS...]
#
# CASCADE_JAVA_OPTS is passed to the JVM. CASCADE_CDS=off skips the archive.

stale() { # stale JAR ROOT
  [ ! -f "$1" ] && return 0
  [ -n "$(find "$2" -path '*/src/main/*' -newer "$1" -print -quit)" ] && return 0
  [ -n "$(find "$2" -name pom.xml -newer "$1" -print -quit)" ] && return 0
  return 1
}

launch() {
  local name="$1" module="$2" jar_name="$3"
  shift 3
  local root; root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  local jar="$root/$module/target/$jar_name"
  if stale "$jar" "$root"; then
    echo "Building the $name (first run or sources changed)..." >&2
    local build_log; build_log="$(mktemp)"
    if ! (cd "$root" && mvn -q -B -DskipTests -pl "$module" -am package) >"$build_log" 2>&1; then
      cat "$build_log" >&2
      rm -f "$build_log"
      echo "The build failed; the output is above." >&2
      exit 1
    fi
    rm -f "$build_log"
  fi

  # The jar unpacked once per build: classes load from plain jars, not from jars nested in a jar.
  local app="$root/$module/target/launch"
  local built; built="$(stat -c '%Y %s' "$jar" 2>/dev/null || stat -f '%m %z' "$jar")"
  if [ "$(cat "$app/built-from" 2>/dev/null)" != "$built" ]; then
    rm -rf "$app"
    if ! java -Djarmode=tools -jar "$jar" extract --destination "$app" >/dev/null 2>&1; then
      rm -rf "$app"
      exec java ${CASCADE_JAVA_OPTS:-} -jar "$jar" "$@"
    fi
    echo "$built" >"$app/built-from"
  fi

  # The archive of the classes a start loads, made once per build by a start that stops as soon as
  # the application is ready, on a throw-away data directory and port.
  local archive="$app/classes.jsa"
  local share=()
  if [ "${CASCADE_CDS:-on}" != off ]; then
    if [ ! -f "$archive" ] && [ ! -f "$app/classes.jsa.failed" ]; then
      echo "Preparing the class-data archive for fast starts (once per build, ~15 s)..." >&2
      local scratch; scratch="$(mktemp -d)"
      if ! (cd "$scratch" && env -u CASCADE_MONGODB_URI -u CASCADE_REDIS_URI -u CASCADE_EMBEDDED_MONGO_PORT \
          SERVER_PORT=0 CASCADE_DATA_DIR="$scratch/data" \
          timeout 300 java -XX:ArchiveClassesAtExit="$archive" -Dspring.context.exit=onRefresh -jar "$app/$jar_name") \
          >"$scratch/training.log" 2>&1 || [ ! -f "$archive" ]; then
        rm -f "$archive"
        cp "$scratch/training.log" "$app/classes.jsa.failed"
        echo "Could not prepare the archive (see $app/classes.jsa.failed); starting without it." >&2
      fi
      rm -rf "$scratch"
    fi
    [ -f "$archive" ] && share=(-XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
  fi
  exec java ${share[@]+"${share[@]}"} ${CASCADE_JAVA_OPTS:-} -jar "$app/$jar_name" "$@"
}
