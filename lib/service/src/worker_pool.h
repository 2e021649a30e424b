// Up to a fixed number of threads taking jobs from a bounded queue. Threads
// start when a job finds none idle (a service whose requests are all answered
// on the I/O thread runs none). trySubmit refuses (instead of blocking the
// event loop) when the queue is full.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace kubos::service::detail {

class WorkerPool {
 public:
  WorkerPool(unsigned threads, std::size_t queueLength);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  bool trySubmit(std::function<void()> job);
  // Runs what is queued, then joins the threads. Idempotent.
  void shutdown();
  // Threads started so far.
  [[nodiscard]] std::size_t threadCount();

 private:
  void loop();
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  std::size_t capacity_;
  unsigned maxThreads_;
  unsigned idle_ = 0;  // threads waiting for a job
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace kubos::service::detail
