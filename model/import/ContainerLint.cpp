// SPDX-License-Identifier: GPL-3.0-or-later
#include "ContainerLint.h"

#include "ImageCatalog.h"
#include "YamlSupport.h"

#include <QRegularExpression>

namespace Model {

namespace {

using Sev = LintFinding::Severity;

const ContainerLintRule &rule(const QString &id)
{
    for (const ContainerLintRule &r : containerLintRules()) {
        if (r.id == id)
            return r;
    }
    Q_UNREACHABLE();
}

class Linter
{
public:
    std::vector<ContainerFinding> findings;

    void add(const QString &id,
             const ContainerWorkload &w,
             const QString &message,
             const SourceLocation &where,
             std::optional<Sev> severity = std::nullopt)
    {
        const ContainerLintRule &r = rule(id);
        ContainerFinding f;
        f.finding.rule = r.id;
        f.finding.severity = severity.value_or(r.severity);
        f.finding.component = ImportYaml::componentId(w.name);
        f.finding.message = message;
        f.finding.hint = r.hint;
        f.where = where.line > 0 ? where : w.where;
        findings.push_back(f);
    }
};

QString kindWord(const ContainerWorkload &w)
{
    return w.format == QLatin1String("compose") ? QStringLiteral("service")
                                                : QStringLiteral("workload");
}

/** The tag of an image, "" when it has none; "@" for a digest. */
QString imageTag(const QString &image)
{
    if (image.contains(QLatin1Char('@')))
        return QStringLiteral("@");
    const qsizetype slash = image.lastIndexOf(QLatin1Char('/'));
    const qsizetype colon = image.lastIndexOf(QLatin1Char(':'));
    return colon > slash ? image.mid(colon + 1) : QString();
}

bool looksSecret(const EnvVar &v)
{
    static const QRegularExpression
        name(QStringLiteral("PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|"
                            "CREDENTIAL|AUTH_?KEY"),
             QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression urlPassword(QStringLiteral("://[^/@:\\s]+:[^/@\\s]+@"));
    if (!v.literal || v.value.trimmed().isEmpty())
        return false;
    return name.match(v.name).hasMatch() || urlPassword.match(v.value).hasMatch();
}

bool addressesOverlap(const QString &a, const QString &b)
{
    const auto any = [](const QString &ip) {
        return ip.isEmpty() || ip == QLatin1String("0.0.0.0") || ip == QLatin1String("::");
    };
    return any(a) || any(b) || a == b;
}

} // namespace

const QList<ContainerLintRule> &containerLintRules()
{
    static const QList<ContainerLintRule> rules = {
        {QStringLiteral("container-no-memory-limit"),
         Sev::Warning,
         QStringLiteral("a container without a memory limit can take the host's memory until the "
                        "kernel's OOM killer ends it or a neighbour"),
         QStringLiteral("set a memory limit a little above its peak use "
                        "(deploy.resources.limits.memory, resources.limits.memory)")},
        {QStringLiteral("container-no-cpu-limit"),
         Sev::Warning,
         QStringLiteral("a container without a CPU limit can starve its neighbours on the host, "
                        "and its own latency depends on theirs"),
         QStringLiteral("set a CPU limit (deploy.resources.limits.cpus, resources.limits.cpu) "
                        "and size the replicas by it")},
        {QStringLiteral("container-no-healthcheck"),
         Sev::Warning,
         QStringLiteral("without a health check a hung or dead replica keeps getting requests "
                        "until someone notices"),
         QStringLiteral("add a healthcheck (Compose) or a readinessProbe (Kubernetes) that asks "
                        "the application itself")},
        {QStringLiteral("container-no-restart-policy"),
         Sev::Warning,
         QStringLiteral("a container that is not restarted stays down after its first crash"),
         QStringLiteral("set restart: unless-stopped (or deploy.restart_policy with a delay); "
                        "in Kubernetes keep restartPolicy: Always")},
        {QStringLiteral("container-restart-without-backoff"),
         Sev::Warning,
         QStringLiteral("restarting at once without a limit turns a crash into a crash loop that "
                        "burns CPU and floods the logs and its dependencies"),
         QStringLiteral("give deploy.restart_policy a delay (e.g. 5s) and max_attempts, or use "
                        "restart: unless-stopped, whose delay doubles")},
        {QStringLiteral("container-liveness-is-readiness"),
         Sev::Warning,
         QStringLiteral("a liveness probe that is also the readiness probe restarts a replica "
                        "that is only busy or waiting on a dependency, so an overload or a slow "
                        "database becomes restarts everywhere"),
         QStringLiteral("make liveness check only that the process is alive (a cheap endpoint), "
                        "and readiness that it can serve (its dependencies)")},
        {QStringLiteral("container-runs-as-root"),
         Sev::Warning,
         QStringLiteral("a process running as root turns an application bug into control of the "
                        "container and a step towards the host"),
         QStringLiteral("run as a non-root user (user: \"1000:1000\"; securityContext "
                        "runAsNonRoot: true and runAsUser)")},
        {QStringLiteral("container-secret-in-environment"),
         Sev::Warning,
         QStringLiteral("a secret written in plain environment variables is in the file, in "
                        "version control and in every inspect and crash dump"),
         QStringLiteral("use Compose secrets (or a *_FILE variable), or a Kubernetes Secret "
                        "through valueFrom.secretKeyRef")},
        {QStringLiteral("container-port-conflict"),
         Sev::Warning,
         QStringLiteral("two containers publish the same host port: the second one does not "
                        "start"),
         QStringLiteral("publish each on a host port of its own, or put a proxy in front of "
                        "both")},
        {QStringLiteral("container-latest-image-tag"),
         Sev::Warning,
         QStringLiteral("an image without a fixed tag (or :latest) changes under the deployment, "
                        "so two replicas may run different code and a rollback has nothing to "
                        "go back to"),
         QStringLiteral("pin a version tag, or a digest (image@sha256:...)")},
        {QStringLiteral("container-no-log-rotation"),
         Sev::Warning,
         QStringLiteral("Docker's default json-file log driver keeps every line, so a chatty "
                        "container fills the disk"),
         QStringLiteral("set logging.options.max-size and max-file (or the local driver, which "
                        "rotates)")},
    };
    return rules;
}

std::vector<ContainerFinding> containerLint(const QList<ContainerWorkload> &workloads)
{
    Linter l;
    for (const ContainerWorkload &w : workloads) {
        if (!w.memoryLimitMb)
            l.add(QStringLiteral("container-no-memory-limit"),
                  w,
                  QStringLiteral("%1 '%2' has no memory limit").arg(kindWord(w), w.name),
                  w.resourcesWhere);
    }
    for (const ContainerWorkload &w : workloads) {
        if (!w.cpuLimit)
            l.add(QStringLiteral("container-no-cpu-limit"),
                  w,
                  QStringLiteral("%1 '%2' has no CPU limit").arg(kindWord(w), w.name),
                  w.resourcesWhere);
    }
    for (const ContainerWorkload &w : workloads) {
        if (w.healthcheck && w.healthcheck->disabled)
            l.add(QStringLiteral("container-no-healthcheck"),
                  w,
                  QStringLiteral("%1 '%2' turns its health check off").arg(kindWord(w), w.name),
                  w.healthcheck->where);
        else if (!w.healthcheck && !w.readiness && !w.liveness)
            l.add(QStringLiteral("container-no-healthcheck"),
                  w,
                  w.format == QLatin1String("compose")
                      ? QStringLiteral("service '%1' has no healthcheck (unless its image "
                                       "defines one)")
                            .arg(w.name)
                      : QStringLiteral("workload '%1' has no readiness or liveness probe")
                            .arg(w.name),
                  w.where);
    }
    for (const ContainerWorkload &w : workloads) {
        if (w.restart.isEmpty() && w.format == QLatin1String("compose"))
            l.add(QStringLiteral("container-no-restart-policy"),
                  w,
                  QStringLiteral("service '%1' sets no restart policy, so Docker does not "
                                 "restart it")
                      .arg(w.name),
                  w.where);
        else if (w.restart == QLatin1String("no"))
            l.add(QStringLiteral("container-no-restart-policy"),
                  w,
                  QStringLiteral("%1 '%2' is never restarted (its restart policy says no)")
                      .arg(kindWord(w), w.name),
                  w.restartWhere);
    }
    for (const ContainerWorkload &w : workloads) {
        if (w.restart != QLatin1String("no") && !w.restart.isEmpty() && w.restartDelayS
            && *w.restartDelayS <= 0 && !w.restartMaxAttempts)
            l.add(QStringLiteral("container-restart-without-backoff"),
                  w,
                  QStringLiteral("service '%1' is restarted at once and without limit "
                                 "(deploy.restart_policy with no delay and no max_attempts)")
                      .arg(w.name),
                  w.restartWhere);
    }
    for (const ContainerWorkload &w : workloads) {
        if (w.liveness && w.readiness && !w.liveness->handler.isEmpty()
            && w.liveness->handler == w.readiness->handler)
            l.add(QStringLiteral("container-liveness-is-readiness"),
                  w,
                  QStringLiteral("workload '%1' uses the same check (%2) for liveness and "
                                 "readiness")
                      .arg(w.name, w.liveness->handler),
                  w.liveness->where);
    }
    for (const ContainerWorkload &w : workloads) {
        if (w.runAs == QLatin1String("root"))
            l.add(QStringLiteral("container-runs-as-root"),
                  w,
                  QStringLiteral("%1 '%2' runs as root").arg(kindWord(w), w.name),
                  w.runAsWhere);
        else if (w.runAs.isEmpty())
            l.add(QStringLiteral("container-runs-as-root"),
                  w,
                  QStringLiteral("%1 '%2' does not say which user it runs as, so it runs as "
                                 "its image's user: root for most images")
                      .arg(kindWord(w), w.name),
                  w.where);
    }
    for (const ContainerWorkload &w : workloads) {
        QStringList names;
        SourceLocation first;
        for (const EnvVar &v : w.environment) {
            if (looksSecret(v)) {
                if (names.isEmpty())
                    first = v.where;
                names << v.name;
            }
        }
        if (!names.isEmpty())
            l.add(QStringLiteral("container-secret-in-environment"),
                  w,
                  QStringLiteral("%1 '%2' has secrets in plain environment variables: %3")
                      .arg(kindWord(w), w.name, names.join(QStringLiteral(", "))),
                  first);
    }
    for (int i = 0; i < workloads.size(); ++i) {
        const ContainerWorkload &w = workloads.at(i);
        for (const PublishedPort &p : w.ports) {
            // the first earlier publisher of the same port, in this or an earlier workload
            QString clash;
            for (int j = 0; j <= i && clash.isEmpty(); ++j) {
                const ContainerWorkload &o = workloads.at(j);
                for (const PublishedPort &q : o.ports) {
                    if (&q == &p)
                        break;
                    if (q.port == p.port && q.protocol == p.protocol
                        && addressesOverlap(q.hostIp, p.hostIp)) {
                        clash = o.name;
                        break;
                    }
                }
            }
            if (!clash.isEmpty())
                l.add(QStringLiteral("container-port-conflict"),
                      w,
                      clash == w.name ? QStringLiteral("'%1' publishes host port %2/%3 twice")
                                            .arg(w.name)
                                            .arg(p.port)
                                            .arg(p.protocol)
                                      : QStringLiteral("'%1' publishes host port %2/%3, which '%4' "
                                                       "publishes too")
                                            .arg(w.name)
                                            .arg(p.port)
                                            .arg(p.protocol, clash),
                      p.where);
        }
    }
    for (const ContainerWorkload &w : workloads) {
        if (w.image.isEmpty())
            continue; // built from source: the build pins what it builds
        const QString tag = imageTag(w.image);
        if (tag.isEmpty() || tag == QLatin1String("latest"))
            l.add(QStringLiteral("container-latest-image-tag"),
                  w,
                  QStringLiteral("%1 '%2' runs image '%3', %4")
                      .arg(kindWord(w),
                           w.name,
                           w.image,
                           tag.isEmpty() ? QStringLiteral("which has no tag (so :latest)")
                                         : QStringLiteral("tagged latest")),
                  w.imageWhere);
    }
    for (const ContainerWorkload &w : workloads) {
        if (w.logRotationApplies && w.logDriver == QLatin1String("json-file") && !w.logMaxSize)
            l.add(QStringLiteral("container-no-log-rotation"),
                  w,
                  QStringLiteral("service '%1' logs with json-file and no max-size").arg(w.name),
                  w.logWhere);
    }
    return std::move(l.findings);
}

} // namespace Model
