// The report is a SARIF log with the finding; the ALTER's note is MariaDB's; the build passed on a warning.
def sarif = new File(basedir, 'target/jdbc-guard.sarif').text
assert sarif.contains('"version": "2.1.0"')
assert sarif.contains('"ruleId": "ddl.no-primary-key"')
assert sarif.contains('"level": "warning"')
assert sarif.contains('"uri": "sql/V1__events.sql"')
assert sarif.contains('"ruleId": "ddl.not-null-without-default"')
assert sarif.contains('MariaDB 10.11: ')
def log = new File(basedir, 'build.log').text
assert log.contains('jdbc-guard lint: report written to ')
assert log.contains('BUILD SUCCESS')
