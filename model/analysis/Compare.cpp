// SPDX-License-Identifier: GPL-3.0-or-later
#include "Compare.h"

#include "KindTraits.h"
#include "Random.h"
#include "ScenarioIo.h"
#include "Statistics.h"
#include "persistence/RunResultJson.h"

#include <QDir>
#include <QJsonArray>
#include <QSaveFile>

#include <chrono>
#include <cmath>
#include <limits>

namespace Model {

namespace {

/** One replication's figures, in compareFigures() order. */
std::vector<double> figuresOf(const Scenario &scenario, const Sim::ReplicationResult &r)
{
    const Sim::RequestResult all = r.requests.empty() ? Sim::RequestResult{} : r.requests.front();
    const double ended = all.completed + all.failed;
    const CostFigures cost = costOf(scenario, r);
    return {all.latencyMs.mean,
            all.latencyMs.p50,
            all.latencyMs.p95,
            all.latencyMs.p99,
            all.throughputPerS,
            ended > 0 ? all.failed / ended : 0.0,
            cost.perHour,
            cost.perMillionRequests};
}

QJsonValue orNull(const std::optional<double> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

bool writeFile(const QString &path, const QByteArray &data, QString *error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

QString csvField(const QString &s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"'))
        && !s.contains(QLatin1Char('\n')))
        return s;
    QString q = s;
    q.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

QString csvNumber(const std::optional<double> &v)
{
    return v ? QString::number(*v, 'g', 10) : QString();
}

} // namespace

Estimate estimateOf(const std::vector<double> &values)
{
    Sim::Welford w;
    for (double v : values)
        w.add(v);
    Estimate e;
    e.mean = w.mean();
    if (w.count() >= 2)
        e.ci95 = Sim::studentT95(static_cast<int>(w.count() - 1))
                 * std::sqrt(w.variance() / static_cast<double>(w.count()));
    return e;
}

const std::vector<CompareFigure> &compareFigures()
{
    static const std::vector<CompareFigure> figures = {
        {"latency_mean_ms", "Mean latency", "ms", true},
        {"latency_p50_ms", "p50 latency", "ms", true},
        {"latency_p95_ms", "p95 latency", "ms", true},
        {"latency_p99_ms", "p99 latency", "ms", true},
        {"throughput_per_s", "Throughput", "/s", false},
        {"error_rate", "Error rate", "", true},
        {"cost_per_hour", "Cost per hour", "$", true},
        {"cost_per_million_requests", "Cost per 1M requests", "$", true},
    };
    return figures;
}

std::vector<Estimate> figureEstimates(const Scenario &scenario,
                                      const std::vector<Sim::ReplicationResult> &replications)
{
    std::vector<std::vector<double>> values(compareFigures().size());
    for (const Sim::ReplicationResult &r : replications) {
        const std::vector<double> f = figuresOf(scenario, r);
        for (std::size_t k = 0; k < values.size(); ++k)
            values[k].push_back(f[k]);
    }
    std::vector<Estimate> out;
    for (const std::vector<double> &v : values)
        out.push_back(estimateOf(v));
    return out;
}

PairedDifference pairedDifference(const std::vector<double> &a, const std::vector<double> &b)
{
    std::vector<double> d;
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i)
        d.push_back(b[i] - a[i]);
    const Estimate e = estimateOf(d);
    PairedDifference out;
    out.delta = e.mean;
    out.ci95 = e.ci95;
    // a difference is real when its interval leaves out zero; identical runs (half-width 0,
    // mean 0) are not significant
    out.significant = e.ci95 && std::abs(e.mean) > *e.ci95;
    return out;
}

std::optional<ComparePlan> planComparison(const std::vector<CompareAlternative> &alternatives,
                                          const CompareOptions &options,
                                          Problems *problems)
{
    if (alternatives.empty())
        return std::nullopt;
    ComparePlan plan;
    plan.replications = std::max(1, options.replications);
    plan.crn = options.crn;
    plan.seed = options.seed.value_or(alternatives.front().scenario.simulation.seed);
    bool ok = true;
    for (std::size_t a = 0; a < alternatives.size(); ++a) {
        Scenario s = alternatives[a].scenario;
        s.simulation.replications = plan.replications;
        // CRN: every alternative the baseline's seed; otherwise seeds of their own
        s.simulation.seed = options.crn || a == 0
                                ? plan.seed
                                : Sim::mixSeed(plan.seed ^ Sim::mixSeed(static_cast<quint64>(a)));
        if (options.durationS)
            s.simulation.durationS = *options.durationS;
        if (options.warmupS)
            s.simulation.warmupS = *options.warmupS;
        const CompiledScenario compiled = compileScenario(s);
        for (Problem p : compiled.problems) {
            p.message = alternatives[a].name + QStringLiteral(": ") + p.message;
            if (problems)
                problems->append(p);
        }
        ok = ok && compiled.ok();
        plan.names.push_back(alternatives[a].name);
        plan.scenarios.push_back(std::move(s));
        plan.specs.push_back(compiled.spec);
    }
    if (!ok)
        return std::nullopt;
    return plan;
}

Comparison compareReplications(const ComparePlan &plan,
                               std::vector<std::vector<Sim::ReplicationResult>> replications)
{
    Comparison out;
    out.baseline = plan.names.empty() ? QString() : plan.names.front();
    out.replications = plan.replications;
    out.crn = plan.crn;
    out.seed = plan.seed;
    std::vector<std::vector<std::vector<double>>> perFigure; // [alternative][figure][rep]
    const std::size_t nFigures = compareFigures().size();
    for (std::size_t a = 0; a < plan.specs.size() && a < replications.size(); ++a) {
        std::vector<Sim::ReplicationResult> mine = std::move(replications[a]);
        std::vector<std::vector<double>> figures(nFigures);
        for (const Sim::ReplicationResult &r : mine) {
            out.cancelled = out.cancelled || r.cancelled;
            const std::vector<double> f = figuresOf(plan.scenarios[a], r);
            for (std::size_t k = 0; k < nFigures; ++k)
                figures[k].push_back(f[k]);
        }
        AlternativeRun alt;
        alt.name = plan.names[a];
        alt.result = Sim::aggregateReplications(plan.specs[a], std::move(mine));
        alt.cost = costOf(plan.scenarios[a], alt.result);
        for (const std::vector<double> &values : figures)
            alt.figures.push_back(estimateOf(values));
        for (const Sim::ComponentResult &c : alt.result.components) {
            if (Sim::kindTraits(c.kind).hasUtilization
                && (alt.bottleneck.isEmpty() || c.utilization > alt.bottleneckUtilization)) {
                alt.bottleneck = QString::fromStdString(c.id);
                alt.bottleneckUtilization = c.utilization;
            }
            if (c.kind == Sim::ComponentKind::Service)
                alt.replicas += c.replicasMean;
        }
        out.alternatives.push_back(std::move(alt));
        perFigure.push_back(std::move(figures));
    }
    for (std::size_t a = 1; a < perFigure.size(); ++a) {
        AlternativeDelta d;
        d.name = plan.names[a];
        for (std::size_t k = 0; k < nFigures; ++k)
            d.figures.push_back(pairedDifference(perFigure[0][k], perFigure[a][k]));
        out.deltas.push_back(std::move(d));
    }
    return out;
}

std::optional<Comparison> runComparison(const std::vector<CompareAlternative> &alternatives,
                                        const CompareOptions &options,
                                        Problems *problems)
{
    const auto start = std::chrono::steady_clock::now();
    const std::optional<ComparePlan> plan = planComparison(alternatives, options, problems);
    if (!plan)
        return std::nullopt;
    const int reps = plan->replications;
    std::vector<Sim::ReplicationTask> tasks;
    for (const Sim::Spec &spec : plan->specs) {
        for (int r = 0; r < reps; ++r)
            tasks.push_back({&spec, r});
    }
    Sim::RunOptions run;
    run.threads = options.threads;
    run.cancel = options.cancel;
    run.observer = options.observer;
    std::vector<Sim::ReplicationResult> results = Sim::runReplications(tasks, run);
    std::vector<std::vector<Sim::ReplicationResult>> byAlternative;
    for (std::size_t a = 0; a < plan->specs.size(); ++a)
        byAlternative.emplace_back(std::make_move_iterator(results.begin()
                                                           + static_cast<long>(a * reps)),
                                   std::make_move_iterator(results.begin()
                                                           + static_cast<long>((a + 1) * reps)));
    Comparison out = compareReplications(*plan, std::move(byAlternative));
    out.wallS = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return out;
}

namespace {

/** An alternative's results JSON with the cost its comparison computed. */
QJsonObject resultsWithCost(const AlternativeRun &a)
{
    QJsonObject json = resultsToJson(a.result);
    json.insert(QStringLiteral("cost"), costToJson(a.cost));
    return json;
}

} // namespace

QJsonObject comparisonToJson(const Comparison &c)
{
    const std::vector<CompareFigure> &figures = compareFigures();
    QJsonArray alternatives;
    for (const AlternativeRun &a : c.alternatives) {
        QJsonObject summary;
        for (std::size_t k = 0; k < figures.size(); ++k) {
            summary.insert(QString::fromLatin1(figures[k].key),
                           QJsonObject{{QStringLiteral("mean"), a.figures[k].mean},
                                       {QStringLiteral("ci95"), orNull(a.figures[k].ci95)}});
        }
        summary.insert(QStringLiteral("bottleneck"),
                       QJsonObject{{QStringLiteral("component"), a.bottleneck},
                                   {QStringLiteral("utilization"), a.bottleneckUtilization}});
        summary.insert(QStringLiteral("replicas"), a.replicas);
        alternatives.append(QJsonObject{{QStringLiteral("scenario"), a.name},
                                        {QStringLiteral("summary"), summary},
                                        {QStringLiteral("results"), resultsWithCost(a)}});
    }
    QJsonArray deltas;
    for (const AlternativeDelta &d : c.deltas) {
        QJsonObject o{{QStringLiteral("scenario"), d.name}};
        for (std::size_t k = 0; k < figures.size(); ++k) {
            const PairedDifference &p = d.figures[k];
            o.insert(QString::fromLatin1(figures[k].key),
                     QJsonObject{{QStringLiteral("delta"), p.delta},
                                 {QStringLiteral("ci95"), orNull(p.ci95)},
                                 {QStringLiteral("significant"), p.significant}});
        }
        deltas.append(o);
    }
    return QJsonObject{{QStringLiteral("format"), QStringLiteral("archsim-compare")},
                       {QStringLiteral("version"), 1},
                       {QStringLiteral("baseline"), c.baseline},
                       {QStringLiteral("replications"), c.replications},
                       {QStringLiteral("crn"), c.crn},
                       {QStringLiteral("seed"), QString::number(c.seed)},
                       {QStringLiteral("wall_s"), c.wallS},
                       {QStringLiteral("alternatives"), alternatives},
                       {QStringLiteral("deltas"), deltas}};
}

namespace {

constexpr int kCompareVersion = 1;

/** Reads comparison JSON and keeps the first problem with its path (as runResultFromJson). */
class CompareReader
{
public:
    QString error;

    bool ok() const { return error.isEmpty(); }

    void fail(const QString &path, const QString &message)
    {
        if (error.isEmpty())
            error = path + QStringLiteral(": ") + message;
    }

    static QString join(const QString &path, const QString &key)
    {
        return path + QLatin1Char('.') + key;
    }

    QJsonValue required(const QJsonObject &o, const QString &key, const QString &path)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined())
            fail(join(path, key), QStringLiteral("is missing"));
        return v;
    }

    QJsonObject object(const QJsonObject &o, const QString &key, const QString &path)
    {
        const QJsonValue v = required(o, key, path);
        if (!v.isUndefined() && !v.isObject())
            fail(join(path, key), QStringLiteral("must be an object"));
        return v.toObject();
    }

    QJsonArray array(const QJsonObject &o, const QString &key, const QString &path)
    {
        const QJsonValue v = required(o, key, path);
        if (!v.isUndefined() && !v.isArray())
            fail(join(path, key), QStringLiteral("must be an array"));
        return v.toArray();
    }

    QString string(const QJsonObject &o, const QString &key, const QString &path)
    {
        const QJsonValue v = required(o, key, path);
        if (!v.isUndefined() && !v.isString())
            fail(join(path, key), QStringLiteral("must be a string"));
        return v.toString();
    }

    bool boolean(const QJsonObject &o, const QString &key, const QString &path)
    {
        const QJsonValue v = required(o, key, path);
        if (!v.isUndefined() && !v.isBool())
            fail(join(path, key), QStringLiteral("must be true or false"));
        return v.toBool();
    }

    /** A number; null is NaN (a figure with no data is written as null). */
    double number(const QJsonObject &o, const QString &key, const QString &path)
    {
        const QJsonValue v = required(o, key, path);
        if (v.isNull())
            return std::numeric_limits<double>::quiet_NaN();
        if (!v.isUndefined() && !v.isDouble())
            fail(join(path, key), QStringLiteral("must be a number or null"));
        return v.toDouble();
    }

    /** A half-width: a number, or null where there is none (one replication). */
    std::optional<double> interval(const QJsonObject &o, const QString &key, const QString &path)
    {
        const QJsonValue v = required(o, key, path);
        if (v.isNull() || v.isUndefined())
            return std::nullopt;
        if (!v.isDouble()) {
            fail(join(path, key), QStringLiteral("must be a number or null"));
            return std::nullopt;
        }
        return v.toDouble();
    }
};

} // namespace

std::optional<Comparison> comparisonFromJson(const QJsonObject &json, QString *error)
{
    CompareReader r;
    const QString root = QStringLiteral("$");
    auto failed = [&]() -> std::optional<Comparison> {
        if (error)
            *error = r.error;
        return std::nullopt;
    };
    if (json.value(QStringLiteral("format")).toString() != QLatin1String("archsim-compare")) {
        r.fail(QStringLiteral("$.format"), QStringLiteral("must be \"archsim-compare\""));
        return failed();
    }
    const QJsonValue version = json.value(QStringLiteral("version"));
    if (!version.isDouble() || version.toDouble() != std::floor(version.toDouble())
        || version.toDouble() < 1) {
        r.fail(QStringLiteral("$.version"), QStringLiteral("must be a whole number from 1"));
        return failed();
    }
    if (version.toDouble() > kCompareVersion) {
        r.fail(QStringLiteral("$.version"),
               QStringLiteral("is %1, written by a newer ArchSim (this one reads version %2)")
                   .arg(version.toDouble())
                   .arg(kCompareVersion));
        return failed();
    }

    Comparison c;
    c.baseline = r.string(json, QStringLiteral("baseline"), root);
    const double reps = r.number(json, QStringLiteral("replications"), root);
    if (r.ok() && !(reps >= 1 && reps <= 1e9 && reps == std::floor(reps)))
        r.fail(QStringLiteral("$.replications"), QStringLiteral("must be a whole number from 1"));
    c.replications = r.ok() ? static_cast<int>(reps) : 0;
    c.crn = r.boolean(json, QStringLiteral("crn"), root);
    const QString seed = r.string(json, QStringLiteral("seed"), root);
    bool seedOk = false;
    c.seed = seed.toULongLong(&seedOk);
    if (r.ok() && !seedOk)
        r.fail(QStringLiteral("$.seed"), QStringLiteral("must be a whole number in a string"));
    c.wallS = r.number(json, QStringLiteral("wall_s"), root);
    if (!r.ok())
        return failed();

    const std::vector<CompareFigure> &figures = compareFigures();
    const QJsonArray alternatives = r.array(json, QStringLiteral("alternatives"), root);
    if (r.ok() && alternatives.isEmpty())
        r.fail(QStringLiteral("$.alternatives"), QStringLiteral("must hold at least one"));
    for (qsizetype i = 0; i < alternatives.size() && r.ok(); ++i) {
        const QString path = QStringLiteral("$.alternatives[%1]").arg(i);
        if (!alternatives.at(i).isObject()) {
            r.fail(path, QStringLiteral("must be an object"));
            break;
        }
        const QJsonObject a = alternatives.at(i).toObject();
        AlternativeRun alt;
        alt.name = r.string(a, QStringLiteral("scenario"), path);
        const QString summaryPath = CompareReader::join(path, QStringLiteral("summary"));
        const QJsonObject summary = r.object(a, QStringLiteral("summary"), path);
        for (const CompareFigure &f : figures) {
            const QString key = QString::fromLatin1(f.key);
            const QJsonObject o = r.object(summary, key, summaryPath);
            const QString figurePath = CompareReader::join(summaryPath, key);
            Estimate e;
            e.mean = r.number(o, QStringLiteral("mean"), figurePath);
            e.ci95 = r.interval(o, QStringLiteral("ci95"), figurePath);
            alt.figures.push_back(e);
        }
        const QJsonObject bottleneck = r.object(summary, QStringLiteral("bottleneck"), summaryPath);
        const QString bottleneckPath = CompareReader::join(summaryPath,
                                                           QStringLiteral("bottleneck"));
        alt.bottleneck = r.string(bottleneck, QStringLiteral("component"), bottleneckPath);
        alt.bottleneckUtilization = r.number(bottleneck,
                                             QStringLiteral("utilization"),
                                             bottleneckPath);
        alt.replicas = r.number(summary, QStringLiteral("replicas"), summaryPath);
        const QJsonObject results = r.object(a, QStringLiteral("results"), path);
        if (!r.ok())
            break;
        QString why;
        alt.result = runResultFromJson(results, &why);
        if (!why.isEmpty()) {
            // runResultFromJson names paths from its own root, "$" or a bare key
            r.fail(CompareReader::join(path, QStringLiteral("results")), why);
            break;
        }
        // the cost the comparison computed, as costToJson wrote it
        const QJsonObject cost = results.value(QStringLiteral("cost")).toObject();
        alt.cost.perHour = cost.value(QStringLiteral("per_hour")).toDouble();
        alt.cost.perMillionRequests = cost.value(QStringLiteral("per_million_requests")).toDouble();
        const QJsonObject shares = cost.value(QStringLiteral("components")).toObject();
        for (auto it = shares.begin(); it != shares.end(); ++it)
            alt.cost.components.append({it.key(), it.value().toDouble()});
        c.alternatives.push_back(std::move(alt));
    }
    if (!r.ok())
        return failed();

    const QJsonArray deltas = r.array(json, QStringLiteral("deltas"), root);
    if (r.ok() && deltas.size() != static_cast<qsizetype>(c.alternatives.size()) - 1)
        r.fail(QStringLiteral("$.deltas"),
               QStringLiteral("must hold one entry per alternative after the baseline (%1), "
                              "not %2")
                   .arg(c.alternatives.size() - 1)
                   .arg(deltas.size()));
    for (qsizetype i = 0; i < deltas.size() && r.ok(); ++i) {
        const QString path = QStringLiteral("$.deltas[%1]").arg(i);
        if (!deltas.at(i).isObject()) {
            r.fail(path, QStringLiteral("must be an object"));
            break;
        }
        const QJsonObject o = deltas.at(i).toObject();
        AlternativeDelta d;
        d.name = r.string(o, QStringLiteral("scenario"), path);
        for (const CompareFigure &f : figures) {
            const QString key = QString::fromLatin1(f.key);
            const QJsonObject p = r.object(o, key, path);
            const QString figurePath = CompareReader::join(path, key);
            PairedDifference diff;
            diff.delta = r.number(p, QStringLiteral("delta"), figurePath);
            diff.ci95 = r.interval(p, QStringLiteral("ci95"), figurePath);
            diff.significant = r.boolean(p, QStringLiteral("significant"), figurePath);
            d.figures.push_back(diff);
        }
        c.deltas.push_back(std::move(d));
    }
    if (!r.ok())
        return failed();
    for (const AlternativeRun &a : c.alternatives)
        c.cancelled = c.cancelled || a.result.cancelled;
    return c;
}

bool writeComparisonCsv(const Comparison &c, const QString &directory, QString *error)
{
    const std::vector<CompareFigure> &figures = compareFigures();
    QStringList header{QStringLiteral("scenario")};
    for (const CompareFigure &f : figures) {
        header << QString::fromLatin1(f.key)
               << QString::fromLatin1(f.key) + QStringLiteral("_ci95");
    }
    header << QStringLiteral("bottleneck") << QStringLiteral("bottleneck_utilization")
           << QStringLiteral("replicas");
    QString table = header.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (const AlternativeRun &a : c.alternatives) {
        QStringList row{csvField(a.name)};
        for (const Estimate &e : a.figures)
            row << csvNumber(e.mean) << csvNumber(e.ci95);
        row << csvField(a.bottleneck) << csvNumber(a.bottleneckUtilization)
            << csvNumber(a.replicas);
        table += row.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    QString deltas = QStringLiteral("scenario,figure,delta,ci95,significant\n");
    for (const AlternativeDelta &d : c.deltas) {
        for (std::size_t k = 0; k < figures.size(); ++k) {
            const PairedDifference &p = d.figures[k];
            deltas += QStringList{csvField(d.name),
                                  QString::fromLatin1(figures[k].key),
                                  csvNumber(p.delta),
                                  csvNumber(p.ci95),
                                  p.significant ? QStringLiteral("true") : QStringLiteral("false")}
                          .join(QLatin1Char(','))
                      + QLatin1Char('\n');
        }
    }
    return writeFile(QDir(directory).filePath(QStringLiteral("compare.csv")), table.toUtf8(), error)
           && writeFile(QDir(directory).filePath(QStringLiteral("deltas.csv")),
                        deltas.toUtf8(),
                        error);
}

} // namespace Model
