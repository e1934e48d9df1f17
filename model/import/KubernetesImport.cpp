// SPDX-License-Identifier: GPL-3.0-or-later
// Kubernetes manifests (Deployment, StatefulSet, Service, HorizontalPodAutoscaler, Ingress)
// into the neutral ContainerWorkload list; docs/import.md gives every key and what it becomes.
#include "ContainerImport.h"
#include "ContainerLint.h"
#include "YamlSupport.h"

#include "ScenarioLimits.h"

#include <QFileInfo>
#include <QHash>

namespace Model {

using ImportYaml::Reader;
using ImportYaml::scalar;

namespace {

struct Object
{
    int file = 0; ///< index into the readers
    QString kind;
    QString name;
    YAML::Node node;
};

void note(ContainerWorkload &w, const Reader &r, const YAML::Node &at, const QString &message)
{
    ImportNote n;
    n.kind = ImportNote::Kind::Unmapped;
    n.component = ImportYaml::componentId(w.name);
    n.message = message;
    n.where = r.at(at);
    w.notes << n;
}

std::optional<ContainerProbe> readProbe(const Reader &r,
                                        const YAML::Node &probe,
                                        const QString &key)
{
    if (!probe.IsDefined() || probe.IsNull() || !r.isMap(probe, key))
        return std::nullopt;
    ContainerProbe p;
    p.where = r.at(probe);
    if (const YAML::Node http = Reader::get(probe, "httpGet"); http.IsMap()) {
        p.handler = QStringLiteral("httpGet %1:%2%3")
                        .arg(scalar(Reader::get(http, "scheme")).toLower(),
                             scalar(Reader::get(http, "port")),
                             scalar(Reader::get(http, "path")));
    } else if (const YAML::Node tcp = Reader::get(probe, "tcpSocket"); tcp.IsMap()) {
        p.handler = QStringLiteral("tcpSocket :") + scalar(Reader::get(tcp, "port"));
    } else if (const YAML::Node grpc = Reader::get(probe, "grpc"); grpc.IsMap()) {
        p.handler = QStringLiteral("grpc :%1 %2")
                        .arg(scalar(Reader::get(grpc, "port")),
                             scalar(Reader::get(grpc, "service")));
    } else if (const YAML::Node exec = Reader::get(probe, "exec"); exec.IsMap()) {
        QStringList parts;
        const YAML::Node command = Reader::get(exec, "command");
        if (command.IsSequence()) {
            for (const YAML::Node &c : command)
                parts << scalar(c);
        }
        p.handler = QStringLiteral("exec ") + parts.join(QLatin1Char(' '));
    }
    p.intervalS = r.number(Reader::get(probe, "periodSeconds"),
                           key + QStringLiteral(".periodSeconds"));
    p.failures = r.integer(Reader::get(probe, "failureThreshold"),
                           key + QStringLiteral(".failureThreshold"),
                           1,
                           Limits::kMaxHealthFailures);
    for (const char *k : {"initialDelaySeconds", "timeoutSeconds", "successThreshold"})
        r.number(Reader::get(probe, k), key + QLatin1Char('.') + QLatin1String(k));
    return p;
}

void readRunAs(ContainerWorkload &w, const Reader &r, const YAML::Node &context, const QString &key)
{
    if (!context.IsDefined() || !r.isMap(context, key))
        return;
    const YAML::Node user = Reader::get(context, "runAsUser");
    const YAML::Node nonRoot = Reader::get(context, "runAsNonRoot");
    if (const auto uid = r.integer(user, key + QStringLiteral(".runAsUser"))) {
        w.runAs = *uid == 0 ? QStringLiteral("root") : QStringLiteral("user");
        w.runAsWhere = r.at(user);
    } else if (r.boolean(nonRoot, key + QStringLiteral(".runAsNonRoot")).value_or(false)) {
        w.runAs = QStringLiteral("user");
        w.runAsWhere = r.at(nonRoot);
    }
}

void readContainer(ContainerWorkload &w, const Reader &r, const YAML::Node &c, const QString &key)
{
    const YAML::Node image = Reader::get(c, "image");
    w.image = r.text(image, key + QStringLiteral(".image")).value_or(QString()).trimmed();
    w.imageWhere = r.at(image);
    const YAML::Node resources = Reader::get(c, "resources");
    if (resources.IsDefined() && r.isMap(resources, key + QStringLiteral(".resources"))) {
        w.resourcesWhere = r.at(resources);
        const YAML::Node limits = Reader::get(resources, "limits");
        const YAML::Node requests = Reader::get(resources, "requests");
        if (r.isMap(limits, key + QStringLiteral(".resources.limits"))) {
            w.cpuLimit = r.cpus(Reader::get(limits, "cpu"),
                                key + QStringLiteral(".resources.limits.cpu"));
            w.memoryLimitMb = r.memoryMb(Reader::get(limits, "memory"),
                                         key + QStringLiteral(".resources.limits.memory"));
        }
        if (r.isMap(requests, key + QStringLiteral(".resources.requests"))) {
            w.cpuRequest = r.cpus(Reader::get(requests, "cpu"),
                                  key + QStringLiteral(".resources.requests.cpu"));
            w.memoryRequestMb = r.memoryMb(Reader::get(requests, "memory"),
                                           key + QStringLiteral(".resources.requests.memory"));
        }
    }
    w.liveness = readProbe(r,
                           Reader::get(c, "livenessProbe"),
                           key + QStringLiteral(".livenessProbe"));
    w.readiness = readProbe(r,
                            Reader::get(c, "readinessProbe"),
                            key + QStringLiteral(".readinessProbe"));
    if (Reader::has(c, "startupProbe"))
        note(w,
             r,
             Reader::get(c, "startupProbe"),
             QStringLiteral("startupProbe is not imported: set the service's startup_s to the "
                            "time a replica takes to start"));
    const YAML::Node env = Reader::get(c, "env");
    if (r.isList(env, key + QStringLiteral(".env")) && env.IsDefined()) {
        for (const YAML::Node &e : env) {
            if (!r.isMap(e, key + QStringLiteral(".env[]")) || !e.IsMap())
                continue;
            EnvVar v;
            v.name = r.text(Reader::get(e, "name"), key + QStringLiteral(".env[].name"))
                         .value_or(QString());
            const auto value = r.text(Reader::get(e, "value"),
                                      key + QStringLiteral(".env[].value"));
            v.value = value.value_or(QString());
            v.literal = value.has_value() && !Reader::has(e, "valueFrom");
            v.where = r.at(e);
            w.environment << v;
        }
    }
    if (Reader::has(c, "envFrom"))
        note(w,
             r,
             Reader::get(c, "envFrom"),
             QStringLiteral("envFrom is not read: the ConfigMaps and Secrets it names may hold "
                            "links the scenario misses"));
    const YAML::Node ports = Reader::get(c, "ports");
    if (r.isList(ports, key + QStringLiteral(".ports")) && ports.IsDefined()) {
        for (const YAML::Node &p : ports) {
            if (!p.IsMap())
                continue;
            const YAML::Node hostPort = Reader::get(p, "hostPort");
            if (const auto port = r.integer(hostPort,
                                            key + QStringLiteral(".ports[].hostPort"),
                                            1)) {
                PublishedPort pp;
                pp.port = *port;
                pp.hostIp = r.text(Reader::get(p, "hostIP"), QStringLiteral("hostIP"))
                                .value_or(QString());
                pp.protocol = r.text(Reader::get(p, "protocol"), QStringLiteral("protocol"))
                                  .value_or(QStringLiteral("TCP"))
                                  .toLower();
                pp.where = r.at(hostPort);
                w.ports << pp;
                w.published = true;
            }
        }
    }
    readRunAs(w, r, Reader::get(c, "securityContext"), key + QStringLiteral(".securityContext"));
}

bool selects(const YAML::Node &selector, const YAML::Node &labels)
{
    if (!selector.IsMap() || selector.size() == 0 || !labels.IsMap())
        return false;
    for (const auto &kv : selector) {
        const YAML::Node v = Reader::get(labels, scalar(kv.first).toUtf8().constData());
        if (!v.IsDefined() || scalar(v) != scalar(kv.second))
            return false;
    }
    return true;
}

} // namespace

ImportResult importKubernetes(const QList<QPair<QString, QByteArray>> &files)
{
    ImportResult result;
    result.format = QStringLiteral("kubernetes");
    std::vector<Reader> readers;
    std::vector<Object> objects;
    try {
        for (int i = 0; i < files.size(); ++i) {
            readers.emplace_back(files.at(i).first, &result.errors, true);
            const Reader &r = readers.back();
            const std::vector<YAML::Node> docs = ImportYaml::loadAll(files.at(i).second,
                                                                     files.at(i).first,
                                                                     &result.errors);
            QList<YAML::Node> todo(docs.begin(), docs.end());
            while (!todo.isEmpty()) {
                const YAML::Node doc = todo.takeFirst();
                if (!doc.IsDefined() || doc.IsNull())
                    continue;
                if (!doc.IsMap()) {
                    r.error(doc, QStringLiteral("a manifest is a map with apiVersion and kind"));
                    continue;
                }
                const YAML::Node kindNode = Reader::get(doc, "kind");
                const auto kind = r.text(kindNode, QStringLiteral("kind"));
                if (!kind || !Reader::has(doc, "apiVersion")) {
                    r.error(doc, QStringLiteral("a manifest needs apiVersion and kind"));
                    continue;
                }
                if (*kind == QLatin1String("List")) {
                    const YAML::Node items = Reader::get(doc, "items");
                    if (r.isList(items, QStringLiteral("items")) && items.IsDefined()) {
                        for (const YAML::Node &item : items)
                            todo << item;
                    }
                    continue;
                }
                const YAML::Node meta = Reader::get(doc, "metadata");
                const auto name = r.text(Reader::get(meta, "name"),
                                         QStringLiteral("metadata.name"));
                if (!meta.IsMap() || !name || name->isEmpty()) {
                    r.error(doc, QStringLiteral("%1 needs metadata.name").arg(*kind));
                    continue;
                }
                objects.push_back(Object{i, *kind, *name, doc});
            }
        }
        if (!result.errors.isEmpty())
            return result;

        QList<ContainerWorkload> workloads;
        QList<YAML::Node> podLabels;
        for (const Object &o : objects) {
            const Reader &r = readers[std::size_t(o.file)];
            if (o.kind != QLatin1String("Deployment") && o.kind != QLatin1String("StatefulSet")) {
                if (o.kind == QLatin1String("Service")
                    || o.kind == QLatin1String("HorizontalPodAutoscaler")
                    || o.kind == QLatin1String("Ingress"))
                    continue;
                ImportNote n;
                n.kind = ImportNote::Kind::Unmapped;
                n.message = QStringLiteral("%1 '%2' is not imported: ArchSim reads Deployment, "
                                           "StatefulSet, Service, HorizontalPodAutoscaler and "
                                           "Ingress")
                                .arg(o.kind, o.name);
                n.where = r.at(o.node);
                result.notes << n;
                continue;
            }
            ContainerWorkload w;
            w.format = QStringLiteral("kubernetes");
            w.name = o.name;
            w.where = r.at(Reader::get(Reader::get(o.node, "metadata"), "name"));
            w.imageWhere = w.where;
            const YAML::Node spec = Reader::get(o.node, "spec");
            if (!spec.IsMap()) {
                r.error(o.node, QStringLiteral("%1 '%2' needs a spec").arg(o.kind, o.name));
                continue;
            }
            const YAML::Node replicas = Reader::get(spec, "replicas");
            w.replicas
                = r.integer(replicas, QStringLiteral("spec.replicas"), 0, Limits::kMaxReplicas);
            w.replicasWhere = r.at(replicas);
            const YAML::Node tmpl = Reader::get(spec, "template");
            const YAML::Node pod = Reader::get(tmpl, "spec");
            if (!pod.IsMap()) {
                r.error(spec,
                        QStringLiteral("%1 '%2' needs spec.template.spec").arg(o.kind, o.name));
                continue;
            }
            const YAML::Node containers = Reader::get(pod, "containers");
            if (!containers.IsSequence() || containers.size() == 0 || !containers[0].IsMap()) {
                r.error(containers.IsDefined() ? containers : pod,
                        QStringLiteral("%1 '%2' needs spec.template.spec.containers: a list "
                                       "with at least one container")
                            .arg(o.kind, o.name));
                continue;
            }
            readRunAs(w,
                      r,
                      Reader::get(pod, "securityContext"),
                      QStringLiteral("spec.template.spec.securityContext"));
            readContainer(w, r, containers[0], QStringLiteral("containers[0]"));
            if (containers.size() > 1)
                note(w,
                     r,
                     containers[1],
                     QStringLiteral("only the first container (%1) is imported; the other %2 "
                                    "are sidecars the scenario does not model")
                         .arg(scalar(Reader::get(containers[0], "name")))
                         .arg(containers.size() - 1));
            const YAML::Node restart = Reader::get(pod, "restartPolicy");
            if (const auto policy = r.text(restart, QStringLiteral("restartPolicy"))) {
                w.restartWhere = r.at(restart);
                if (*policy == QLatin1String("Always"))
                    w.restart = QStringLiteral("always");
                else if (*policy == QLatin1String("OnFailure"))
                    w.restart = QStringLiteral("on_failure");
                else if (*policy == QLatin1String("Never"))
                    w.restart = QStringLiteral("no");
                else
                    r.error(restart,
                            QStringLiteral("restartPolicy must be Always, OnFailure or Never (it "
                                           "is '%1')")
                                .arg(*policy));
            }
            w.logRotationApplies = false; // the kubelet rotates container logs
            podLabels << Reader::get(Reader::get(tmpl, "metadata"), "labels");
            workloads << w;
        }

        // Services: host names and who is reachable from outside; Ingress backends too
        QHash<QString, QString> hosts;
        for (const Object &o : objects) {
            const Reader &r = readers[std::size_t(o.file)];
            if (o.kind == QLatin1String("Service")) {
                const YAML::Node spec = Reader::get(o.node, "spec");
                const YAML::Node selector = Reader::get(spec, "selector");
                const QString type = r.text(Reader::get(spec, "type"), QStringLiteral("spec.type"))
                                         .value_or(QStringLiteral("ClusterIP"));
                const bool outside = type == QLatin1String("LoadBalancer")
                                     || type == QLatin1String("NodePort");
                for (int k = 0; k < workloads.size(); ++k) {
                    if (!selects(selector, podLabels.at(k)))
                        continue;
                    ContainerWorkload &w = workloads[k];
                    if (!hosts.contains(o.name))
                        hosts.insert(o.name, w.name);
                    w.published = w.published || outside;
                    const YAML::Node ports = Reader::get(spec, "ports");
                    if (!outside || !ports.IsSequence())
                        continue;
                    for (const YAML::Node &p : ports) {
                        const YAML::Node nodePort = Reader::get(p, "nodePort");
                        if (const auto port = r.integer(nodePort,
                                                        QStringLiteral("ports[].nodePort"),
                                                        1)) {
                            PublishedPort pp;
                            pp.port = *port;
                            pp.protocol = r.text(Reader::get(p, "protocol"),
                                                 QStringLiteral("protocol"))
                                              .value_or(QStringLiteral("TCP"))
                                              .toLower();
                            pp.where = r.at(nodePort);
                            w.ports << pp;
                        }
                    }
                }
            }
        }
        for (const Object &o : objects) {
            if (o.kind != QLatin1String("Ingress"))
                continue;
            QStringList backends;
            const YAML::Node spec = Reader::get(o.node, "spec");
            backends << scalar(
                Reader::get(Reader::get(Reader::get(spec, "defaultBackend"), "service"), "name"));
            const YAML::Node rules = Reader::get(spec, "rules");
            if (rules.IsSequence()) {
                for (const YAML::Node &rule : rules) {
                    const YAML::Node paths = Reader::get(Reader::get(rule, "http"), "paths");
                    if (!paths.IsSequence())
                        continue;
                    for (const YAML::Node &p : paths)
                        backends << scalar(
                            Reader::get(Reader::get(Reader::get(p, "backend"), "service"), "name"));
                }
            }
            for (ContainerWorkload &w : workloads) {
                for (const QString &b : backends) {
                    if (!b.isEmpty() && hosts.value(b) == w.name)
                        w.published = true;
                }
            }
        }
        // autoscalers
        for (const Object &o : objects) {
            if (o.kind != QLatin1String("HorizontalPodAutoscaler"))
                continue;
            const Reader &r = readers[std::size_t(o.file)];
            const YAML::Node spec = Reader::get(o.node, "spec");
            const QString target = scalar(Reader::get(Reader::get(spec, "scaleTargetRef"), "name"));
            ContainerWorkload *w = nullptr;
            for (ContainerWorkload &c : workloads) {
                if (c.name == target)
                    w = &c;
            }
            const YAML::Node maxNode = Reader::get(spec, "maxReplicas");
            const auto max
                = r.integer(maxNode, QStringLiteral("spec.maxReplicas"), 1, Limits::kMaxReplicas);
            if (!max) {
                if (!maxNode.IsDefined())
                    r.error(o.node,
                            QStringLiteral("HorizontalPodAutoscaler '%1' needs spec.maxReplicas")
                                .arg(o.name));
                continue;
            }
            if (!w) {
                ImportNote n;
                n.kind = ImportNote::Kind::Unmapped;
                n.message = QStringLiteral("HorizontalPodAutoscaler '%1' scales '%2', which the "
                                           "files do not hold")
                                .arg(o.name, target);
                n.where = r.at(o.node);
                result.notes << n;
                continue;
            }
            w->hpaWhere = r.at(o.node);
            w->hpaMax = max;
            w->hpaMin = r.integer(Reader::get(spec, "minReplicas"),
                                  QStringLiteral("spec.minReplicas"),
                                  1,
                                  Limits::kMaxReplicas);
            if (const YAML::Node v1 = Reader::get(spec, "targetCPUUtilizationPercentage");
                v1.IsDefined())
                w->hpaTargetCpuPercent
                    = r.number(v1, QStringLiteral("spec.targetCPUUtilizationPercentage"));
            const YAML::Node metrics = Reader::get(spec, "metrics");
            if (metrics.IsSequence()) {
                for (const YAML::Node &m : metrics) {
                    const YAML::Node res = Reader::get(m, "resource");
                    const QString metric = scalar(Reader::get(res, "name"));
                    const YAML::Node util = Reader::get(Reader::get(res, "target"),
                                                        "averageUtilization");
                    if (metric == QLatin1String("cpu") && util.IsDefined()) {
                        w->hpaTargetCpuPercent = r.number(util,
                                                          QStringLiteral("averageUtilization"));
                    } else {
                        ImportNote n;
                        n.kind = ImportNote::Kind::Unmapped;
                        n.component = ImportYaml::componentId(w->name);
                        n.message = QStringLiteral("an autoscaling metric other than CPU "
                                                   "utilization is not simulated");
                        n.where = r.at(m);
                        result.notes << n;
                    }
                }
            }
            const YAML::Node behavior = Reader::get(spec, "behavior");
            w->hpaScaleUpWindowS = r.number(Reader::get(Reader::get(behavior, "scaleUp"),
                                                        "stabilizationWindowSeconds"),
                                            QStringLiteral(
                                                "behavior.scaleUp.stabilizationWindowSeconds"));
            w->hpaScaleDownWindowS = r.number(Reader::get(Reader::get(behavior, "scaleDown"),
                                                          "stabilizationWindowSeconds"),
                                              QStringLiteral(
                                                  "behavior.scaleDown.stabilizationWindowSeconds"));
        }
        for (ContainerWorkload &w : workloads)
            w.links << ImportYaml::environmentLinks(w, hosts, true);
        if (!result.errors.isEmpty())
            return result;
        for (const ContainerWorkload &w : workloads)
            result.notes << w.notes;
        QString name = files.isEmpty() ? QStringLiteral("manifests")
                                       : QFileInfo(files.first().first).fileName();
        if (files.size() > 1)
            name = QStringLiteral("%1 manifests").arg(files.size());
        result.scenario = buildImportedScenario(workloads, name, &result.notes, &result.errors);
        for (ImportError &e : result.errors) {
            if (e.where.file.isEmpty()) // about the files as a whole: the first one's start
                e.where = SourceLocation{files.isEmpty() ? QString() : files.first().first, 1, 1};
        }
        result.findings = containerLint(workloads);
        if (result.scenario)
            result.scenario->description = importDescription(name, result);
    } catch (const YAML::Exception &e) {
        result.errors << ImportError{SourceLocation{files.isEmpty() ? QString()
                                                                    : files.first().first,
                                                    e.mark.line + 1,
                                                    e.mark.column + 1},
                                     QString::fromStdString(e.msg)};
        result.scenario.reset();
    }
    return result;
}

} // namespace Model
