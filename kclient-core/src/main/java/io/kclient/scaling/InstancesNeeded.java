package io.kclient.scaling;

/**
 * How many instances like this one a handler needs, as a fraction: this instance's part of the
 * answer. Summed over the handler's instances it is the handler's need; an autoscaler rounds the
 * sum up ({@code sum(kclient_handler_instances_needed{handler="..."})} with a target of 1).
 *
 * <p>An instance must keep up with the records arriving (those it completes, plus its backlog's
 * growth) and clear its backlog within the drain time, with its workers busy no more than the
 * target utilization. Its capacity is what a busy worker completes per second times its workers,
 * so a handler running many workers on few partitions ({@code KEY} or {@code NONE} ordering, a
 * share group) is credited for all of them. In a consumer group the answer is at most the
 * partitions the instance holds: more instances than partitions get none to work on.
 */
public final class InstancesNeeded {

    private InstancesNeeded() {
    }

    /** This instance's part of the instances the handler needs, from 0 (idle) up. */
    public static double estimate(Load load, ScalingSettings settings) {
        if (load.maxInstances() == 0 || load.seconds() <= 0) {
            return 0;
        }
        double utilization = load.workers() == 0 ? 0 : load.busyWorkerSeconds() / (load.seconds() * load.workers());
        double perWorker = measuredPerWorker(load);
        double need;
        if (Double.isNaN(perWorker) || load.workers() == 0) {
            // no record completed yet on a busy worker: count the busy workers, and this instance while work waits
            need = Math.max(utilization / settings.targetUtilization(), load.backlogNow() > 0 ? 1 : 0);
        } else {
            double rate = load.completed() / load.seconds();
            double growth = (load.backlogNow() - load.backlogBefore()) / load.seconds();
            double drain = load.backlogNow() / (double) settings.drainTime().toMillis() * 1000;
            double demand = Math.max(0, rate + load.backlogShare() * (growth + drain));
            need = demand / (perWorker * load.workers() * settings.targetUtilization());
        }
        return Math.min(need, load.maxInstances());
    }

    /** Records a busy worker completes per second: measured in this window if it can be, else as last known. */
    public static double measuredPerWorker(Load load) {
        if (load.completed() > 0 && load.busyWorkerSeconds() > 0) {
            return load.completed() / load.busyWorkerSeconds();
        }
        return load.recordsPerWorkerSecond();
    }
}
