// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImageCatalog.h"

namespace Model {

namespace {

ImageKind cache(const QString &label, const QString &engine)
{
    ImageKind k;
    k.kind = ComponentKind::Cache;
    k.label = label;
    k.engine = engine;
    return k;
}

ImageKind database(const QString &label, int maxConnections)
{
    ImageKind k;
    k.kind = ComponentKind::Database;
    k.label = label;
    k.maxConnections = maxConnections;
    return k;
}

ImageKind of(ComponentKind kind, const QString &label)
{
    ImageKind k;
    k.kind = kind;
    k.label = label;
    return k;
}

ImageKind service(const QString &label, bool eventLoop, int threads)
{
    ImageKind k;
    k.label = label;
    k.eventLoop = eventLoop;
    k.threads = threads;
    return k;
}

} // namespace

const QList<ImageRule> &imageCatalog()
{
    // The defaults are the servers' own (docs/import.md gives the source of each): PostgreSQL
    // max_connections 100, MySQL and MariaDB max_connections 151, Tomcat (Spring Boot) 200
    // request threads; the others take ArchSim's defaults.
    static const QList<ImageRule> rules = {
        {{QStringLiteral("redis"),
          QStringLiteral("valkey"),
          QStringLiteral("keydb"),
          QStringLiteral("redis-stack"),
          QStringLiteral("redis-stack-server")},
         cache(QStringLiteral("Redis"), QStringLiteral("redis"))},
        {{QStringLiteral("memcached")},
         cache(QStringLiteral("Memcached"), QStringLiteral("memcached"))},
        {{QStringLiteral("rabbitmq")}, of(ComponentKind::Queue, QStringLiteral("RabbitMQ"))},
        {{QStringLiteral("postgres"),
          QStringLiteral("postgis"),
          QStringLiteral("postgresql"),
          QStringLiteral("timescaledb")},
         database(QStringLiteral("PostgreSQL"), 100)},
        {{QStringLiteral("mysql"), QStringLiteral("percona"), QStringLiteral("percona-server")},
         database(QStringLiteral("MySQL"), 151)},
        {{QStringLiteral("mariadb")}, database(QStringLiteral("MariaDB"), 151)},
        {{QStringLiteral("mongo"),
          QStringLiteral("mongodb"),
          QStringLiteral("mongodb-community-server")},
         database(QStringLiteral("MongoDB"), 0)},
        {{QStringLiteral("nginx"), QStringLiteral("nginx-unprivileged")},
         of(ComponentKind::LoadBalancer, QStringLiteral("nginx"))},
        {{QStringLiteral("haproxy")}, of(ComponentKind::LoadBalancer, QStringLiteral("HAProxy"))},
        {{QStringLiteral("traefik")}, of(ComponentKind::LoadBalancer, QStringLiteral("Traefik"))},
        {{QStringLiteral("envoy")}, of(ComponentKind::LoadBalancer, QStringLiteral("Envoy"))},
        {{QStringLiteral("caddy")}, of(ComponentKind::LoadBalancer, QStringLiteral("Caddy"))},
        {{QStringLiteral("kong"), QStringLiteral("kong-gateway")},
         of(ComponentKind::Gateway, QStringLiteral("Kong"))},
        {{QStringLiteral("krakend")}, of(ComponentKind::Gateway, QStringLiteral("KrakenD"))},
        {{QStringLiteral("node")}, service(QStringLiteral("Node.js"), true, 0)},
        {{QStringLiteral("openjdk"),
          QStringLiteral("eclipse-temurin"),
          QStringLiteral("amazoncorretto"),
          QStringLiteral("tomcat")},
         service(QStringLiteral("a JVM (Tomcat's 200 threads)"), false, 200)},
        {{QStringLiteral("python"),
          QStringLiteral("golang"),
          QStringLiteral("ruby"),
          QStringLiteral("php"),
          QStringLiteral("aspnet")},
         service(QString(), false, 0)},
    };
    return rules;
}

QString imageRepositoryName(const QString &image)
{
    QString name = image.trimmed();
    if (const qsizetype at = name.indexOf(QLatin1Char('@')); at >= 0)
        name.truncate(at);
    if (const qsizetype slash = name.lastIndexOf(QLatin1Char('/')); slash >= 0)
        name = name.mid(slash + 1);
    if (const qsizetype colon = name.indexOf(QLatin1Char(':')); colon >= 0)
        name.truncate(colon);
    return name.toLower();
}

ImageKind classifyImage(const QString &image)
{
    const QString name = imageRepositoryName(image);
    if (name.isEmpty())
        return {};
    for (const ImageRule &rule : imageCatalog()) {
        for (const QString &n : rule.names) {
            if (name == n || name.startsWith(n + QLatin1Char('-')))
                return rule.kind;
        }
    }
    return {};
}

} // namespace Model
