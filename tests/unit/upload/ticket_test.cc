#include "upload/ticket.h"

#include <atomic>
#include <thread>

#include "gtest/gtest.h"

namespace telegate::upload_internal {
namespace {

TEST(TicketTest, BeginSendSucceedsOnceUnlessCancelledFirst) {
  Ticket ticket(1);
  EXPECT_TRUE(ticket.BeginSend());
  EXPECT_FALSE(ticket.BeginSend());
  Ticket cancelled(2);
  cancelled.RequestCancel();
  EXPECT_FALSE(cancelled.BeginSend());
  EXPECT_TRUE(cancelled.cancel_requested());
}

TEST(TicketTest, CancelWakesTheTransportOnce) {
  Ticket ticket(1);
  ASSERT_TRUE(ticket.BeginSend());
  int wakes = 0;
  ticket.SetCancelHandler([&] { ++wakes; });
  ticket.RequestCancel();
  ticket.RequestCancel();
  EXPECT_EQ(wakes, 1);
  EXPECT_TRUE(ticket.cancel_requested());
  // A handler registered after the cancel runs at once.
  int late = 0;
  ticket.SetCancelHandler([&] { ++late; });
  EXPECT_EQ(late, 1);
}

TEST(TicketTest, WaitUntilNotSendingReturnsWhenTheSendFinishes) {
  Ticket ticket(1);
  ASSERT_TRUE(ticket.BeginSend());
  std::atomic<bool> finished{false};
  std::thread sender([&] {
    ticket.RequestCancel();  // not this thread's job; just to be concurrent
    finished = true;
    ticket.Finish();
  });
  EXPECT_TRUE(ticket.WaitUntilNotSending(absl::Now() + absl::Seconds(30)));
  EXPECT_TRUE(finished.load());
  sender.join();
}

TEST(TicketTest, WaitUntilNotSendingTimesOutWhileSending) {
  Ticket ticket(1);
  ASSERT_TRUE(ticket.BeginSend());
  EXPECT_FALSE(ticket.WaitUntilNotSending(absl::Now() + absl::Milliseconds(1)));
  EXPECT_TRUE(ticket.sending());
  // A ticket that never began is not sending.
  Ticket idle(2);
  EXPECT_TRUE(idle.WaitUntilNotSending(absl::Now()));
}

}  // namespace
}  // namespace telegate::upload_internal
