// SPDX-License-Identifier: GPL-3.0-or-later
// Docker Compose files (the Compose Specification) into the neutral ContainerWorkload list;
// docs/import.md gives every key and what it becomes.
#include "ContainerImport.h"
#include "ContainerLint.h"
#include "YamlSupport.h"

#include "ScenarioLimits.h"

#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

namespace Model {

using ImportYaml::Reader;
using ImportYaml::scalar;

namespace {

void unmappedKey(ContainerWorkload &w,
                 const Reader &r,
                 const YAML::Node &node,
                 const QString &key,
                 const QString &why)
{
    ImportNote n;
    n.kind = ImportNote::Kind::Unmapped;
    n.component = ImportYaml::componentId(w.name);
    n.message = QStringLiteral("%1 is not imported: %2").arg(key, why);
    n.where = r.at(node);
    w.notes << n;
}

QString probeText(const YAML::Node &test)
{
    if (test.IsSequence()) {
        QStringList parts;
        for (const YAML::Node &p : test)
            parts << scalar(p);
        return parts.join(QLatin1Char(' '));
    }
    return scalar(test);
}

void readRestart(ContainerWorkload &w, const Reader &r, const YAML::Node &svc)
{
    const YAML::Node restart = Reader::get(svc, "restart");
    if (const auto text = r.text(restart, QStringLiteral("restart"))) {
        const QString v = text->trimmed();
        w.restartWhere = r.at(restart);
        if (v == QLatin1String("no")) {
            w.restart = QStringLiteral("no");
        } else if (v == QLatin1String("always") || v == QLatin1String("unless-stopped")) {
            w.restart = QStringLiteral("always");
            w.restartBuiltinBackoff = true;
        } else if (v == QLatin1String("on-failure") || v.startsWith(QLatin1String("on-failure:"))) {
            w.restart = QStringLiteral("on_failure");
            w.restartBuiltinBackoff = true;
            if (v.contains(QLatin1Char(':'))) {
                bool ok = false;
                const int n = v.section(QLatin1Char(':'), 1).toInt(&ok);
                if (!ok || n < 0)
                    r.error(restart,
                            QStringLiteral("restart: the count after on-failure: must be a whole "
                                           "number (it is '%1')")
                                .arg(v));
                else if (n > 0) // Docker reads on-failure:0 as no limit
                    w.restartMaxAttempts = n;
            }
        } else {
            r.error(restart,
                    QStringLiteral("restart must be no, always, on-failure[:N] or unless-stopped "
                                   "(it is '%1')")
                        .arg(v));
        }
    }
    const YAML::Node deploy = Reader::get(svc, "deploy");
    const YAML::Node policy = Reader::get(deploy, "restart_policy");
    if (!policy.IsDefined() || !r.isMap(policy, QStringLiteral("deploy.restart_policy")))
        return;
    // deploy.restart_policy wins over restart (Swarm reads only deploy)
    w.restartWhere = r.at(policy);
    w.restartBuiltinBackoff = false;
    w.restartMaxAttempts.reset();
    const YAML::Node condition = Reader::get(policy, "condition");
    const QString c = r.text(condition, QStringLiteral("deploy.restart_policy.condition"))
                          .value_or(QStringLiteral("any"))
                          .trimmed();
    if (c == QLatin1String("none"))
        w.restart = QStringLiteral("no");
    else if (c == QLatin1String("on-failure"))
        w.restart = QStringLiteral("on_failure");
    else if (c == QLatin1String("any"))
        w.restart = QStringLiteral("always");
    else
        r.error(condition,
                QStringLiteral("deploy.restart_policy.condition must be none, on-failure or any "
                               "(it is '%1')")
                    .arg(c));
    // Swarm's delay defaults to 0: a crash loop restarts at once
    w.restartDelayS = r.duration(Reader::get(policy, "delay"),
                                 QStringLiteral("deploy.restart_policy.delay"))
                          .value_or(0);
    w.restartMaxAttempts = r.integer(Reader::get(policy, "max_attempts"),
                                     QStringLiteral("deploy.restart_policy.max_attempts"));
    if (w.restartMaxAttempts == 0) // Swarm's "never give up", as when it is left out
        w.restartMaxAttempts.reset();
    if (Reader::has(policy, "window"))
        unmappedKey(w,
                    r,
                    Reader::get(policy, "window"),
                    QStringLiteral("deploy.restart_policy.window"),
                    QStringLiteral("a replica that runs 10 minutes starts its back-off again"));
}

void readResources(ContainerWorkload &w, const Reader &r, const YAML::Node &svc)
{
    const YAML::Node deploy = Reader::get(svc, "deploy");
    const YAML::Node resources = Reader::get(deploy, "resources");
    if (!r.isMap(resources, QStringLiteral("deploy.resources")))
        return;
    const YAML::Node limits = Reader::get(resources, "limits");
    const YAML::Node reservations = Reader::get(resources, "reservations");
    if (resources.IsDefined())
        w.resourcesWhere = r.at(resources);
    if (r.isMap(limits, QStringLiteral("deploy.resources.limits"))) {
        w.cpuLimit = r.cpus(Reader::get(limits, "cpus"),
                            QStringLiteral("deploy.resources.limits.cpus"));
        w.memoryLimitMb = r.memoryMb(Reader::get(limits, "memory"),
                                     QStringLiteral("deploy.resources.limits.memory"));
        if (Reader::has(limits, "pids"))
            unmappedKey(w,
                        r,
                        Reader::get(limits, "pids"),
                        QStringLiteral("deploy.resources.limits.pids"),
                        QStringLiteral("processes are not simulated"));
    }
    if (r.isMap(reservations, QStringLiteral("deploy.resources.reservations"))) {
        w.cpuRequest = r.cpus(Reader::get(reservations, "cpus"),
                              QStringLiteral("deploy.resources.reservations.cpus"));
        w.memoryRequestMb = r.memoryMb(Reader::get(reservations, "memory"),
                                       QStringLiteral("deploy.resources.reservations.memory"));
        if (Reader::has(reservations, "devices"))
            unmappedKey(w,
                        r,
                        Reader::get(reservations, "devices"),
                        QStringLiteral("deploy.resources.reservations.devices"),
                        QStringLiteral("devices are not simulated"));
    }
    // the older service-level keys, when deploy does not set them
    if (!w.cpuLimit)
        w.cpuLimit = r.cpus(Reader::get(svc, "cpus"), QStringLiteral("cpus"));
    if (!w.memoryLimitMb)
        w.memoryLimitMb = r.memoryMb(Reader::get(svc, "mem_limit"), QStringLiteral("mem_limit"));
    if (!w.memoryRequestMb)
        w.memoryRequestMb = r.memoryMb(Reader::get(svc, "mem_reservation"),
                                       QStringLiteral("mem_reservation"));
    if (!w.resourcesWhere.line && (Reader::has(svc, "cpus") || Reader::has(svc, "mem_limit")))
        w.resourcesWhere = r.at(Reader::get(svc, Reader::has(svc, "cpus") ? "cpus" : "mem_limit"));
}

void readHealthcheck(ContainerWorkload &w, const Reader &r, const YAML::Node &svc)
{
    const YAML::Node hc = Reader::get(svc, "healthcheck");
    if (!hc.IsDefined() || !r.isMap(hc, QStringLiteral("healthcheck")))
        return;
    ContainerProbe p;
    p.where = r.at(hc);
    const YAML::Node test = Reader::get(hc, "test");
    p.handler = probeText(test);
    p.disabled = r.boolean(Reader::get(hc, "disable"), QStringLiteral("healthcheck.disable"))
                     .value_or(false)
                 || p.handler == QLatin1String("NONE");
    p.intervalS = r.duration(Reader::get(hc, "interval"), QStringLiteral("healthcheck.interval"));
    p.failures = r.integer(Reader::get(hc, "retries"),
                           QStringLiteral("healthcheck.retries"),
                           0,
                           Limits::kMaxHealthFailures);
    for (const char *key : {"timeout", "start_period", "start_interval"}) {
        const YAML::Node v = Reader::get(hc, key);
        if (v.IsDefined()) {
            r.duration(v, QStringLiteral("healthcheck.") + QLatin1String(key));
            unmappedKey(w,
                        r,
                        v,
                        QStringLiteral("healthcheck.") + QLatin1String(key),
                        QStringLiteral("a health check in ArchSim has an interval and a count of "
                                       "failures only"));
        }
    }
    w.healthcheck = p;
}

void readEnvironment(ContainerWorkload &w, const Reader &r, const YAML::Node &svc)
{
    const YAML::Node env = Reader::get(svc, "environment");
    if (!env.IsDefined() || env.IsNull())
        return;
    const auto add =
        [&](const QString &name, const std::optional<QString> &value, const YAML::Node &at) {
            EnvVar v;
            v.name = name.trimmed();
            v.value = value.value_or(QString());
            // an interpolated value or a *_FILE variable does not hold the value itself
            v.literal = value.has_value() && !v.value.contains(QLatin1String("${"))
                        && !v.value.startsWith(QLatin1Char('$'))
                        && !v.name.endsWith(QLatin1String("_FILE"));
            v.where = r.at(at);
            w.environment << v;
        };
    if (env.IsMap()) {
        for (const auto &kv : env) {
            const std::optional<QString> value
                = kv.second.IsNull()
                      ? std::nullopt
                      : r.text(kv.second, QStringLiteral("environment.") + scalar(kv.first));
            add(scalar(kv.first), value, kv.first);
        }
    } else if (env.IsSequence()) {
        for (const YAML::Node &item : env) {
            const std::optional<QString> t = r.text(item, QStringLiteral("an environment entry"));
            if (!t)
                continue;
            const qsizetype eq = t->indexOf(QLatin1Char('='));
            add(eq < 0 ? *t : t->left(eq),
                eq < 0 ? std::nullopt : std::optional<QString>(t->mid(eq + 1)),
                item);
        }
    } else {
        r.error(env,
                QStringLiteral("environment must be a map or a list of NAME=VALUE, not '%1'")
                    .arg(scalar(env)));
    }
    if (Reader::has(svc, "env_file"))
        unmappedKey(w,
                    r,
                    Reader::get(svc, "env_file"),
                    QStringLiteral("env_file"),
                    QStringLiteral("the files it names are not read, so their links and secrets "
                                   "are not seen"));
}

/** "[ip:][host:]container[/proto]"; the host part may be a range "8000-8002". */
void readShortPort(ContainerWorkload &w,
                   const Reader &r,
                   const YAML::Node &node,
                   const QString &text)
{
    QString spec = text.trimmed();
    QString protocol = QStringLiteral("tcp");
    if (const qsizetype slash = spec.lastIndexOf(QLatin1Char('/')); slash >= 0) {
        protocol = spec.mid(slash + 1).toLower();
        spec.truncate(slash);
    }
    QString ip;
    if (spec.startsWith(QLatin1Char('['))) { // an IPv6 address
        const qsizetype close = spec.indexOf(QLatin1Char(']'));
        if (close < 0) {
            r.error(node, QStringLiteral("ports: '%1' has an unclosed [ipv6 address]").arg(text));
            return;
        }
        ip = spec.mid(1, close - 1);
        spec = spec.mid(close + 2);
    }
    QStringList parts = spec.split(QLatin1Char(':'));
    if (parts.size() == 3 && ip.isEmpty())
        ip = parts.takeFirst();
    if (parts.size() > 2 || parts.isEmpty() || parts.last().isEmpty()) {
        r.error(node,
                QStringLiteral("ports: '%1' is not [IP:]HOST:CONTAINER[/PROTOCOL]").arg(text));
        return;
    }
    static const QRegularExpression range(QStringLiteral("^(\\d{1,5})(?:-(\\d{1,5}))?$"));
    for (const QString &p : parts) {
        if (!range.match(p).hasMatch()) {
            r.error(node, QStringLiteral("ports: '%1' is not a port or a range of ports").arg(p));
            return;
        }
    }
    w.published = true;
    if (parts.size() == 1)
        return; // published on a port the engine picks: nothing can clash
    const QRegularExpressionMatch m = range.match(parts.first());
    const int from = m.captured(1).toInt();
    const int to = m.captured(2).isEmpty() ? from : m.captured(2).toInt();
    if (from < 1 || to > 65535 || to < from) {
        r.error(node, QStringLiteral("ports: '%1' is outside 1 to 65535").arg(parts.first()));
        return;
    }
    for (int p = from; p <= to && p - from < 1024; ++p) {
        PublishedPort port;
        port.hostIp = ip;
        port.port = p;
        port.protocol = protocol;
        port.where = r.at(node);
        w.ports << port;
    }
}

void readPorts(ContainerWorkload &w, const Reader &r, const YAML::Node &svc)
{
    const YAML::Node ports = Reader::get(svc, "ports");
    if (!r.isList(ports, QStringLiteral("ports")) || !ports.IsDefined())
        return;
    for (const YAML::Node &p : ports) {
        if (p.IsScalar()) {
            readShortPort(w, r, p, scalar(p));
        } else if (p.IsMap()) {
            const auto published = r.text(Reader::get(p, "published"),
                                          QStringLiteral("ports.published"));
            const auto ip = r.text(Reader::get(p, "host_ip"), QStringLiteral("ports.host_ip"));
            const auto protocol = r.text(Reader::get(p, "protocol"),
                                         QStringLiteral("ports.protocol"));
            if (!r.text(Reader::get(p, "target"), QStringLiteral("ports.target"))) {
                r.error(p, QStringLiteral("ports: an entry in the long syntax needs a target"));
                continue;
            }
            QString spec = published ? *published + QLatin1Char(':') : QString();
            spec += scalar(Reader::get(p, "target"));
            if (ip)
                spec = (ip->contains(QLatin1Char(':')) ? QLatin1Char('[') + *ip + QLatin1Char(']')
                                                       : *ip)
                       + QLatin1Char(':') + spec;
            if (protocol)
                spec += QLatin1Char('/') + *protocol;
            readShortPort(w, r, p, spec);
        } else if (!p.IsNull()) {
            r.error(p, QStringLiteral("ports: each entry must be a text or a map"));
        }
    }
}

void readUser(ContainerWorkload &w, const Reader &r, const YAML::Node &svc)
{
    const YAML::Node user = Reader::get(svc, "user");
    const auto text = r.text(user, QStringLiteral("user"));
    if (!text)
        return;
    const QString name = text->section(QLatin1Char(':'), 0, 0).trimmed();
    w.runAs = (name == QLatin1String("root") || name == QLatin1String("0"))
                  ? QStringLiteral("root")
                  : QStringLiteral("user");
    w.runAsWhere = r.at(user);
}

void readLogging(ContainerWorkload &w, const Reader &r, const YAML::Node &svc)
{
    w.logRotationApplies = true;
    w.logDriver = QStringLiteral("json-file");
    const YAML::Node logging = Reader::get(svc, "logging");
    if (!logging.IsDefined() || !r.isMap(logging, QStringLiteral("logging")))
        return;
    w.logWhere = r.at(logging);
    if (const auto driver = r.text(Reader::get(logging, "driver"),
                                   QStringLiteral("logging.driver")))
        w.logDriver = driver->trimmed();
    const YAML::Node options = Reader::get(logging, "options");
    if (r.isMap(options, QStringLiteral("logging.options")))
        w.logMaxSize = Reader::has(options, "max-size");
}

void readLinks(ContainerWorkload &w,
               const Reader &r,
               const YAML::Node &svc,
               const QSet<QString> &names)
{
    const YAML::Node deps = Reader::get(svc, "depends_on");
    const auto add = [&](const YAML::Node &at, const QString &target, const QString &source) {
        if (!names.contains(target)) {
            r.error(at,
                    QStringLiteral("%1 names '%2', which is not a service of this file")
                        .arg(source, target));
            return;
        }
        ContainerLink l;
        l.target = target;
        l.source = source;
        l.where = r.at(at);
        w.links << l;
    };
    if (deps.IsSequence()) {
        for (const YAML::Node &d : deps) {
            if (const auto t = r.text(d, QStringLiteral("depends_on")))
                add(d, t->trimmed(), QStringLiteral("depends_on"));
        }
    } else if (deps.IsMap()) {
        for (const auto &kv : deps)
            add(kv.first, scalar(kv.first).trimmed(), QStringLiteral("depends_on"));
    } else if (deps.IsDefined() && !deps.IsNull()) {
        r.error(deps, QStringLiteral("depends_on must be a list or a map of service names"));
    }
    const YAML::Node links = Reader::get(svc, "links");
    if (r.isList(links, QStringLiteral("links")) && links.IsDefined()) {
        for (const YAML::Node &l : links) {
            if (const auto t = r.text(l, QStringLiteral("links")))
                add(l, t->section(QLatin1Char(':'), 0, 0).trimmed(), QStringLiteral("links"));
        }
    }
}

} // namespace

ImportResult importCompose(const QByteArray &yaml, const QString &fileName)
{
    ImportResult result;
    result.format = QStringLiteral("compose");
    const Reader r(fileName, &result.errors, false);
    try {
        const std::vector<YAML::Node> docs = ImportYaml::loadAll(yaml, fileName, &result.errors);
        if (!result.errors.isEmpty())
            return result;
        if (docs.empty() || !docs.front().IsMap()) {
            r.error(docs.empty() ? YAML::Node() : docs.front(),
                    QStringLiteral("a Compose file is a map with a 'services' key"));
            return result;
        }
        const YAML::Node root = docs.front();
        const YAML::Node services = Reader::get(root, "services");
        if (!services.IsMap()) {
            r.error(services.IsDefined() ? services : root,
                    QStringLiteral("a Compose file needs 'services': a map of service names to "
                                   "their settings"));
            return result;
        }
        QSet<QString> names;
        for (const auto &kv : services)
            names.insert(scalar(kv.first));
        QList<ContainerWorkload> workloads;
        for (const auto &kv : services) {
            ContainerWorkload w;
            w.format = QStringLiteral("compose");
            w.name = scalar(kv.first);
            w.where = r.at(kv.first);
            const YAML::Node svc = kv.second;
            if (!svc.IsMap()) {
                if (!svc.IsNull())
                    r.error(svc,
                            QStringLiteral("service '%1' must be a map of settings").arg(w.name));
                workloads << w;
                continue;
            }
            const YAML::Node image = Reader::get(svc, "image");
            w.image = r.text(image, QStringLiteral("image")).value_or(QString()).trimmed();
            w.imageWhere = image.IsDefined() ? r.at(image) : w.where;
            const YAML::Node deploy = Reader::get(svc, "deploy");
            if (r.isMap(deploy, QStringLiteral("deploy"))) {
                const YAML::Node replicas = Reader::get(deploy, "replicas");
                w.replicas = r.integer(replicas,
                                       QStringLiteral("deploy.replicas"),
                                       0,
                                       Limits::kMaxReplicas);
                w.replicasWhere = r.at(replicas);
                readResources(w, r, svc);
                const YAML::Node mode = Reader::get(deploy, "mode");
                if (r.text(mode, QStringLiteral("deploy.mode")).value_or(QString())
                    == QLatin1String("global"))
                    unmappedKey(w,
                                r,
                                mode,
                                QStringLiteral("deploy.mode: global"),
                                QStringLiteral("one replica per node: the scenario has no nodes, "
                                               "give deploy.replicas"));
            }
            if (!w.replicas && Reader::has(svc, "scale")) {
                w.replicas = r.integer(Reader::get(svc, "scale"),
                                       QStringLiteral("scale"),
                                       0,
                                       Limits::kMaxReplicas);
                w.replicasWhere = r.at(Reader::get(svc, "scale"));
            }
            readRestart(w, r, svc);
            readHealthcheck(w, r, svc);
            readEnvironment(w, r, svc);
            readPorts(w, r, svc);
            readUser(w, r, svc);
            readLogging(w, r, svc);
            readLinks(w, r, svc, names);
            if (Reader::has(svc, "extends"))
                unmappedKey(w,
                            r,
                            Reader::get(svc, "extends"),
                            QStringLiteral("extends"),
                            QStringLiteral("the service it extends is not read; copy its keys"));
            workloads << w;
        }
        QHash<QString, QString> hosts;
        for (const QString &n : names)
            hosts.insert(n, n);
        for (ContainerWorkload &w : workloads)
            w.links << ImportYaml::environmentLinks(w, hosts, false);
        if (!result.errors.isEmpty())
            return result;
        for (const ContainerWorkload &w : workloads)
            result.notes << w.notes;
        const QString name = QFileInfo(fileName).fileName();
        result.scenario = buildImportedScenario(workloads, name, &result.notes, &result.errors);
        for (ImportError &e : result.errors) {
            if (e.where.file.isEmpty())
                e.where = r.at(services);
        }
        result.findings = containerLint(workloads);
        if (result.scenario)
            result.scenario->description = importDescription(name, result);
    } catch (const YAML::Exception &e) {
        // yaml-cpp refuses some access to a node of an unexpected type by throwing
        result.errors << ImportError{SourceLocation{fileName, e.mark.line + 1, e.mark.column + 1},
                                     QString::fromStdString(e.msg)};
        result.scenario.reset();
    }
    return result;
}

} // namespace Model
