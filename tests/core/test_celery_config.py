from config.celery import app


def route(name: str) -> str:
    return app.amqp.router.route({}, name)["queue"].name


def test_tasks_are_routed_to_their_queues():
    assert route("officers.photos.tasks.detect_faces") == "images"
    assert route("ingest.tasks.scrape_source") == "scrape"
    assert route("incidents.tasks.classify_posts") == "ml"
    assert route("core.tasks.clear_expired_sessions") == "default"


def test_workers_acknowledge_late_and_have_time_limits():
    assert app.conf.task_acks_late is True
    assert app.conf.task_time_limit > app.conf.task_soft_time_limit > 0


def test_workers_take_one_task_at_a_time():
    # Prefetching more would park a long re-score behind a busy worker while others sit idle.
    assert app.conf.worker_prefetch_multiplier == 1


def test_redis_redelivers_a_task_only_after_the_longest_task_could_have_finished():
    # With acks_late, Redis hands an unacknowledged task to another worker after the visibility
    # timeout: below a task's time limit, a task still running would be started a second time.
    app.loader.import_default_modules()
    limits = [app.conf.task_time_limit] + [
        task.time_limit for name, task in app.tasks.items() if task.time_limit and not name.startswith("celery.")
    ]
    assert max(limits) >= 3 * 60 * 60  # the weekly link check is among the registered tasks
    assert app.conf.broker_transport_options["visibility_timeout"] > max(limits)


def test_the_worker_knows_the_photo_room_task():
    # officers/photos/tasks.py is not `<app>.tasks`: a worker that did not import it would drop
    # every face-detection message it received.
    app.loader.import_default_modules()
    assert "officers.photos.tasks.detect_faces" in app.tasks
