# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'check_in.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QComboBox, QDialog, QFrame,
    QGridLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_CheckInDialog(object):
    def setupUi(self, CheckInDialog):
        if not CheckInDialog.objectName():
            CheckInDialog.setObjectName(u"CheckInDialog")
        CheckInDialog.resize(680, 520)
        self.mainLayout = QVBoxLayout(CheckInDialog)
        self.mainLayout.setSpacing(10)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(20, 16, 20, 16)
        self.titleLabel = QLabel(CheckInDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"title")

        self.mainLayout.addWidget(self.titleLabel)

        self.patientLabel = QLabel(CheckInDialog)
        self.patientLabel.setObjectName(u"patientLabel")
        self.patientLabel.setText(u"")
        self.patientLabel.setWordWrap(True)
        self.patientLabel.setProperty(u"role", u"welcome")

        self.mainLayout.addWidget(self.patientLabel)

        self.visitLabel = QLabel(CheckInDialog)
        self.visitLabel.setObjectName(u"visitLabel")
        self.visitLabel.setText(u"")
        self.visitLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.visitLabel)

        self.warningsFrame = QFrame(CheckInDialog)
        self.warningsFrame.setObjectName(u"warningsFrame")
        self.warningsFrame.setProperty(u"role", u"warnings")
        self.warningsLayout = QVBoxLayout(self.warningsFrame)
        self.warningsLayout.setSpacing(4)
        self.warningsLayout.setObjectName(u"warningsLayout")
        self.warningsLayout.setContentsMargins(12, 10, 12, 10)
        self.warningsTitle = QLabel(self.warningsFrame)
        self.warningsTitle.setObjectName(u"warningsTitle")
        self.warningsTitle.setProperty(u"role", u"warningTitle")

        self.warningsLayout.addWidget(self.warningsTitle)

        self.warningsLabel = QLabel(self.warningsFrame)
        self.warningsLabel.setObjectName(u"warningsLabel")
        self.warningsLabel.setText(u"")
        self.warningsLabel.setWordWrap(True)
        self.warningsLabel.setTextFormat(Qt.PlainText)

        self.warningsLayout.addWidget(self.warningsLabel)


        self.mainLayout.addWidget(self.warningsFrame)

        self.paymentGroup = QGroupBox(CheckInDialog)
        self.paymentGroup.setObjectName(u"paymentGroup")
        self.paymentLayout = QVBoxLayout(self.paymentGroup)
        self.paymentLayout.setSpacing(8)
        self.paymentLayout.setObjectName(u"paymentLayout")
        self.expectedLabel = QLabel(self.paymentGroup)
        self.expectedLabel.setObjectName(u"expectedLabel")
        self.expectedLabel.setText(u"")
        self.expectedLabel.setWordWrap(True)
        self.expectedLabel.setProperty(u"role", u"hint")

        self.paymentLayout.addWidget(self.expectedLabel)

        self.paymentGrid = QGridLayout()
        self.paymentGrid.setObjectName(u"paymentGrid")
        self.paymentGrid.setHorizontalSpacing(10)
        self.paymentGrid.setVerticalSpacing(8)
        self.amountLabel = QLabel(self.paymentGroup)
        self.amountLabel.setObjectName(u"amountLabel")

        self.paymentGrid.addWidget(self.amountLabel, 0, 0, 1, 1)

        self.amountEdit = QLineEdit(self.paymentGroup)
        self.amountEdit.setObjectName(u"amountEdit")

        self.paymentGrid.addWidget(self.amountEdit, 0, 1, 1, 1)

        self.methodLabel = QLabel(self.paymentGroup)
        self.methodLabel.setObjectName(u"methodLabel")

        self.paymentGrid.addWidget(self.methodLabel, 0, 2, 1, 1)

        self.methodCombo = QComboBox(self.paymentGroup)
        self.methodCombo.setObjectName(u"methodCombo")

        self.paymentGrid.addWidget(self.methodCombo, 0, 3, 1, 1)

        self.referenceLabel = QLabel(self.paymentGroup)
        self.referenceLabel.setObjectName(u"referenceLabel")

        self.paymentGrid.addWidget(self.referenceLabel, 1, 0, 1, 1)

        self.referenceEdit = QLineEdit(self.paymentGroup)
        self.referenceEdit.setObjectName(u"referenceEdit")
        self.referenceEdit.setMaxLength(20)

        self.paymentGrid.addWidget(self.referenceEdit, 1, 1, 1, 1)

        self.paymentGrid.setColumnStretch(1, 1)
        self.paymentGrid.setColumnStretch(3, 1)

        self.paymentLayout.addLayout(self.paymentGrid)

        self.errorLabel = QLabel(self.paymentGroup)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setText(u"")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setProperty(u"role", u"error")

        self.paymentLayout.addWidget(self.errorLabel)

        self.receiptLabel = QLabel(self.paymentGroup)
        self.receiptLabel.setObjectName(u"receiptLabel")
        self.receiptLabel.setText(u"")
        self.receiptLabel.setWordWrap(True)
        self.receiptLabel.setProperty(u"role", u"ok")

        self.paymentLayout.addWidget(self.receiptLabel)


        self.mainLayout.addWidget(self.paymentGroup)

        self.bottomSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.bottomSpacer)

        self.actions = QWidget(CheckInDialog)
        self.actions.setObjectName(u"actions")
        self.actionsLayout = QHBoxLayout(self.actions)
        self.actionsLayout.setSpacing(8)
        self.actionsLayout.setObjectName(u"actionsLayout")
        self.actionsLayout.setContentsMargins(0, 0, 0, 0)
        self.takePaymentButton = QPushButton(self.actions)
        self.takePaymentButton.setObjectName(u"takePaymentButton")

        self.actionsLayout.addWidget(self.takePaymentButton)

        self.printButton = QPushButton(self.actions)
        self.printButton.setObjectName(u"printButton")

        self.actionsLayout.addWidget(self.printButton)

        self.savePdfButton = QPushButton(self.actions)
        self.savePdfButton.setObjectName(u"savePdfButton")

        self.actionsLayout.addWidget(self.savePdfButton)

        self.actionsSpacer = QSpacerItem(20, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actionsLayout.addItem(self.actionsSpacer)

        self.closeButton = QPushButton(self.actions)
        self.closeButton.setObjectName(u"closeButton")

        self.actionsLayout.addWidget(self.closeButton)


        self.mainLayout.addWidget(self.actions)

#if QT_CONFIG(shortcut)
        self.amountLabel.setBuddy(self.amountEdit)
        self.methodLabel.setBuddy(self.methodCombo)
        self.referenceLabel.setBuddy(self.referenceEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.amountEdit, self.methodCombo)
        QWidget.setTabOrder(self.methodCombo, self.referenceEdit)
        QWidget.setTabOrder(self.referenceEdit, self.takePaymentButton)
        QWidget.setTabOrder(self.takePaymentButton, self.printButton)
        QWidget.setTabOrder(self.printButton, self.savePdfButton)
        QWidget.setTabOrder(self.savePdfButton, self.closeButton)

        self.retranslateUi(CheckInDialog)

        self.takePaymentButton.setDefault(True)


        QMetaObject.connectSlotsByName(CheckInDialog)
    # setupUi

    def retranslateUi(self, CheckInDialog):
        CheckInDialog.setWindowTitle(QCoreApplication.translate("CheckInDialog", u"Check in", None))
        self.titleLabel.setText(QCoreApplication.translate("CheckInDialog", u"Check in", None))
        self.warningsTitle.setText(QCoreApplication.translate("CheckInDialog", u"Before the visit", None))
        self.paymentGroup.setTitle(QCoreApplication.translate("CheckInDialog", u"Copay or prepayment", None))
        self.amountLabel.setText(QCoreApplication.translate("CheckInDialog", u"&Amount", None))
        self.methodLabel.setText(QCoreApplication.translate("CheckInDialog", u"Paid &by", None))
        self.referenceLabel.setText(QCoreApplication.translate("CheckInDialog", u"Check &number", None))
        self.takePaymentButton.setText(QCoreApplication.translate("CheckInDialog", u"&Take payment", None))
        self.printButton.setText(QCoreApplication.translate("CheckInDialog", u"&Print receipt\u2026", None))
        self.savePdfButton.setText(QCoreApplication.translate("CheckInDialog", u"Save receipt as P&DF\u2026", None))
        self.closeButton.setText(QCoreApplication.translate("CheckInDialog", u"&Close", None))
    # retranslateUi

