// The build failed for the finding, in the log with its file and line; the widening of id passed.
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] --- jdbc-guard:') && log.contains(':lint (default) @ lossy-change-fails ---')
// named relative to the directory Maven ran in, as the command line names it
assert log.contains('[INFO] src/main/resources/db/migration/V2__widen_and_narrow.sql:2:1: warn ddl.lossy-type-change')
assert log =~ /V2__widen_and_narrow\.sql:2:1: warn ddl\.lossy-type-change: MODIFY note VARCHAR\(20\) -> VARCHAR\(10\)/
assert !(log =~ /V2__widen_and_narrow\.sql:1:1/)
assert log.contains('jdbc-guard lint: a finding reached failOn=warn')
assert log.contains('BUILD FAILURE')
